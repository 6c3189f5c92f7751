// The live feed: the ledger's Server-Sent Events stream (GET /api/stream), one event per appended ledger entry, named
// by the entry's type. EventSource reconnects by itself and sends Last-Event-ID, so nothing is missed in between.

const TYPES = ['EntityRegistered', 'EntityAliasAdded', 'EntitiesMerged', 'ArticleRecorded', 'ClaimRecorded',
  'ClaimDisputed', 'DisputeWithdrawn', 'ClaimCorroborated', 'ClaimAmended', 'ClaimRetracted', 'ClaimReviewed'];

export function connect({onEntry, onState}) {
  if (!('EventSource' in window)) {
    onState('This browser cannot follow the live stream; reload to see new entries.');
    return null;
  }
  const source = new EventSource('/api/stream');
  const receive = event => {
    let entry;
    try {
      entry = JSON.parse(event.data);
    } catch (e) {
      return;
    }
    onEntry(entry);
  };
  for (const type of TYPES) source.addEventListener(type, receive);
  // An entry type this page does not know yet still arrives as a plain message only if unnamed; named ones are above.
  source.addEventListener('message', receive);
  source.addEventListener('open', () => onState('Live: new ledger entries appear here and in the views as they are recorded.'));
  source.addEventListener('error', () => onState(source.readyState === EventSource.CLOSED
    ? 'The live stream closed; reload the page to follow it again.'
    : 'The live stream was interrupted; reconnecting…'));
  window.addEventListener('pagehide', () => source.close());
  return source;
}
