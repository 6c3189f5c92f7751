package com.claimledger.finder.text;

import com.claimledger.entities.api.EntityKind;
import com.claimledger.finder.text.Found.Rule;
import com.claimledger.finder.text.Found.Speaker;
import com.claimledger.finder.text.Found.Speaker.How;
import com.claimledger.finder.text.KnownNames.Known;
import com.claimledger.finder.text.KnownNames.Mention;
import com.claimledger.time.EventTime;
import opennlp.tools.util.Span;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the attributed statements of a news text: the rules of {@link Rule} over OpenNLP's sentences and tokens, the
 * speakers resolved through the ledger's names ({@link KnownNames}), pronouns and roles ("he", "the expert") carried
 * back to the nearest fitting speaker before them. Work is bounded per sentence (long sentences are cut, few cues per
 * sentence are read), so the time grows with the text's length and no worse. docs/finder.md describes each rule.
 */
public final class Finder {

    /** At most this many proposals per text: an editor reads them one by one. */
    public static final int MAX_PROPOSALS = 1000;
    private static final int MAX_SENTENCE = 2000;
    private static final int MAX_CUES_PER_SENTENCE = 8;
    private static final int MAX_QUOTE = 1500;
    private static final int LOOKBACK = 60;
    private static final char MASK = '\u2591';

    private static final Set<String> PERSON_PRONOUNS = Set.of("he", "she", "him", "her", "i");
    private static final Set<String> THING_PRONOUNS = Set.of("it", "they", "them", "its", "we");
    /** Plural or vague subjects that name no one in particular: read as roles, never as proper names. */
    private static final Set<String> GROUP_WORDS = Set.of("others", "some", "many", "few", "several", "critics", "observers",
            "analysts", "experts", "officials", "residents", "witnesses", "sources");
    private static final Set<String> DOCUMENT_NOUNS = Set.of("statement", "spokesman", "spokeswoman", "spokesperson",
            "website", "announcement", "press service", "press office", "communique", "release");
    private static final Pattern MONTHS = Pattern.compile("\\b(January|February|March|April|May|June|July|August|September|October|November|December)\\b");

    /** Reporting verbs of the REPORTING_VERB rule (outside quotation marks). */
    static final Pattern REPORTING = Pattern.compile("\\b(said|says|say|told|tells|stressed|stresses|added|adds|denied|denies|deny"
            + "|disputed|disputes|agreed|agrees|agree|acknowledged|acknowledges|suggested|suggests|described|describes|claimed"
            + "|claims|insisted|insists|warned|warns|noted|explained|explains|argued|argues|confirmed|confirms|circulated"
            + "|announced|announces|believes|noting|adding|saying|stressing)\\b");
    /** Verbs of the reporting clause next to a quotation. */
    private static final Pattern QUOTE_VERB = Pattern.compile("\\b(said|says|say|told|tells|added|adds|continued|stressed|stresses"
            + "|explained|insisted|warned|noted|noting|recalled|read|reads|wrote|writes|asked|concluded|admitted|acknowledged"
            + "|argued|declared|replied|answered|suggested|claimed|adding|saying)\\b");
    private static final Pattern ACCORDING_TO = Pattern.compile("(?i)\\baccording to ([^,.;:" + MASK + "]{1,100}?)\\s*,\\s*");
    private static final Pattern ACCORDING_TO_AFTER = Pattern.compile("(?i),\\s*according to ([^,.;:" + MASK + "]{1,100}?)\\s*[.!]?\\s*$");
    private static final Pattern IN_VIEW = Pattern.compile("(?i)\\bin ([^,.;:" + MASK + "]{1,80}?)['’]s? (?:view|opinion)\\s*,\\s*");
    private static final Pattern DISPUTED_BY = Pattern.compile("(?i)^[^\\p{L}]*(?:this|that|these|the (?:claim|account|report|statement|version))"
            + "\\s+(?:has|have|was|were|is|are)\\s+(?:been\\s+|also\\s+)*(disputed|denied|contradicted|rejected|challenged)\\s+by\\s+"
            + "([^,.;:" + MASK + "]{1,100}?)(?:\\s*,\\s*(?:which|who)\\s+(?:says?|said|claims?|maintains?|insists?)\\s+(?:that\\s+)?|\\s*[.;!]|\\s*$)");
    private static final Pattern DENIED_REPORTS = Pattern.compile("(?i)\\b(denied|denies|dismissed|dismisses|rejected|rejects)\\s+(?:the\\s+)?"
            + "((?:media\\s+|press\\s+|earlier\\s+)?(?:reports?|rumou?rs|allegations|claims)\\s+that)\\s+");
    private static final Pattern ANONYMOUS = Pattern.compile("(?i)^(.+?)\\s*,?\\s+(?:who|which)\\s+(?:asked|declined|requested|spoke|agreed|wished)\\b"
            + ".*?(?:not to be (?:named|identified)|to remain anonymous|anonymity|be named|anonymously)");
    private static final Pattern ANONYMOUS_CONDITION = Pattern.compile("(?i)^(.+?)\\s*,?\\s+(?:speaking\\s+)?on (?:the )?condition of anonymity");
    private static final Pattern RELATIVE = Pattern.compile("(?i)\\b(?:who|which|whom)\\s+");
    private static final Pattern LEADING_WORDS = Pattern.compile("(?i)^(?:(?:and|but|although|though|while|as|however|so|yet|also|then|because|whereas|where)\\b[\\s,]*)+");
    private static final Pattern POST_MODIFIER = Pattern.compile("(?i)\\s+(?:interviewed|quoted|cited|contacted|reached|speaking|asked)\\b.*$");
    private static final Pattern ARTICLE = Pattern.compile("(?i)^(?:the|a|an)\\s+");
    private static final Pattern PRONOUN_AND_CLAUSE = Pattern.compile(",\\s+and\\s+(?=(?:he|she|it|they|we|his|her|its|their)\\b)");
    private static final Pattern CONTENT_LEAD = Pattern.compile("(?i)^[\\s,]*(?:however[\\s,]+)?(?:that\\s+)?");
    private static final Pattern TOLD_OBJECT = Pattern.compile("(?i)^\\s+([^,.;:" + MASK + "]{1,40}?)\\s+that\\s+");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final Pattern BYLINE = Pattern.compile("^\\p{Lu}[\\p{L}.'’ -]{1,60} (?:is|are|was) .{0,80}\\b(?:editor|correspondent|reporter|journalist|contributor|writer|director|fellow)\\b.{0,40}$");
    /** Subjects that say who does not say it ("not all agree"): no speaker. */
    private static final Pattern NO_ONE = Pattern.compile("(?i)^(?:not|no|none|nobody|neither)\\b");
    private static final Pattern TAG = Pattern.compile("</?[A-Za-z][^<>\\n]{0,300}>");
    private static final Pattern LEADING_PRONOUN = Pattern.compile("(?i)^(he|she|it)\\s+");
    private static final Pattern CORROBORATING = Pattern.compile("(?i)^(agreed|agrees|agree|confirmed|confirms)$");

    private final Language language;

    public Finder(Language language) {
        this.language = language;
    }

    public record Findings(List<Found> found, List<Found.Relation> relations) {
    }

    public Findings find(String text, LocalDate published, String outlet, KnownNames names) {
        return new Reading(text, published, outlet, names).read();
    }

    /** How a pending item's speaker is to be found, once the items before it are resolved. */
    private enum Mode {
        PHRASE, PREVIOUS_IN_SENTENCE, INHERIT, FIXED, OUTLET
    }

    private enum Link {
        NONE, DISPUTES_PREVIOUS, CORROBORATES_PREVIOUS, DISPUTES_REPORTS
    }

    private static final class Pending {
        final Rule rule;
        final int start;
        final int end;
        final String cue;
        final Mode mode;
        final String phrase;
        final int phraseAt;
        final int coverFrom;
        int coverTo;
        Link link = Link.NONE;
        Pending reports;
        String linkCue;
        String fixedName;
        Speaker resolved;
        int index = -1;
        String statement;

        Pending(Rule rule, int start, int end, String cue, Mode mode, String phrase, int phraseAt, int coverFrom) {
            this.rule = rule;
            this.start = start;
            this.end = end;
            this.cue = cue;
            this.mode = mode;
            this.phrase = phrase;
            this.phraseAt = phraseAt;
            this.coverFrom = coverFrom;
            this.coverTo = end;
        }
    }

    /** Who says it, as read before resolution: a phrase at an offset, or a mode. */
    private record Subject(Mode mode, String phrase, int at, int leftContentEnd) {
    }

    private record HistoryEntry(Speaker speaker, Known known, int paragraph) {
    }

    private final class Reading {
        private final String text;
        private final String work;
        private final LocalDate published;
        private final String outlet;
        private final KnownNames names;
        private final List<Found> found = new ArrayList<>();
        private final List<Found.Relation> relations = new ArrayList<>();
        private final List<Mention> mentions = new ArrayList<>();
        private final List<HistoryEntry> history = new ArrayList<>();
        private int paragraph;

        Reading(String text, LocalDate published, String outlet, KnownNames names) {
            this.text = text;
            this.work = working(text);
            this.published = published;
            this.outlet = outlet;
            this.names = names;
        }

        Findings read() {
            List<int[]> paragraphs = paragraphs();
            for (int p = 0; p < paragraphs.size() && found.size() < MAX_PROPOSALS; p++) {
                paragraph = p;
                int[] range = paragraphs.get(p);
                String content = work.substring(range[0], range[1]);
                if (headline(content) || (p == paragraphs.size() - 1 && BYLINE.matcher(content.strip()).matches())) {
                    continue;
                }
                readParagraph(range[0], range[1]);
            }
            return new Findings(List.copyOf(found), List.copyOf(relations));
        }

        private List<int[]> paragraphs() {
            List<int[]> list = new ArrayList<>();
            int start = 0;
            for (int i = 0; i <= work.length(); i++) {
                if (i == work.length() || work.charAt(i) == '\n' || work.charAt(i) == '\r') {
                    if (!work.substring(start, i).isBlank()) {
                        list.add(new int[]{start, i});
                    }
                    start = i + 1;
                }
            }
            return list;
        }

        private void readParagraph(int from, int to) {
            List<int[]> quotes = quotes(from, to);
            char[] masked = work.toCharArray();
            for (int[] quote : quotes) {
                for (int i = quote[0]; i <= Math.min(quote[1], to - 1); i++) {
                    masked[i] = MASK;
                }
            }
            String mask = new String(masked);
            List<int[]> sentences = sentences(from, to);
            for (int[] sentence : sentences) {
                if (found.size() >= MAX_PROPOSALS) {
                    return;
                }
                mentions.addAll(names.mentions(work, offset(language.tokens(work.substring(sentence[0], sentence[1])), sentence[0])));
                readSentence(sentence, mask, quotes, to);
            }
        }

        private Span[] offset(Span[] spans, int by) {
            Span[] moved = new Span[spans.length];
            for (int i = 0; i < spans.length; i++) {
                moved[i] = new Span(spans[i].getStart() + by, spans[i].getEnd() + by);
            }
            return moved;
        }

        private void readSentence(int[] sentence, String mask, List<int[]> quotes, int paragraphEnd) {
            int s = sentence[0];
            int e = sentence[1];
            List<Pending> pending = new ArrayList<>();
            Set<Integer> usedVerbs = new java.util.HashSet<>();
            String masked = mask.substring(s, e);

            // Cue positions in this sentence: a content runs until the clause of the next cue.
            List<Integer> cueClauses = new ArrayList<>();
            Matcher cues = REPORTING.matcher(masked);
            int counted = 0;
            while (cues.find() && counted++ < MAX_CUES_PER_SENTENCE) {
                cueClauses.add(s + clauseStart(masked, cues.start()));
            }
            Matcher according = ACCORDING_TO.matcher(masked);
            while (according.find()) {
                cueClauses.add(s + according.start());
            }

            // DISPUTED_BY
            Matcher disputed = DISPUTED_BY.matcher(masked);
            if (disputed.find()) {
                String phrase = disputed.group(2);
                int phraseAt = s + disputed.start(2);
                int contentFrom = s + disputed.end();
                int contentTo = contentEnd(contentFrom, e, cueClauses);
                markVerbs(usedVerbs, masked, 0, disputed.end());
                String linkCue = disputed.group(1) + " by " + phrase.strip();
                if (words(work, contentFrom, contentTo) >= 3) {
                    Pending item = new Pending(Rule.DISPUTED_BY, contentFrom, contentTo, disputed.group().strip(), Mode.PHRASE, phrase, phraseAt, s);
                    item.link = Link.DISPUTES_PREVIOUS;
                    item.linkCue = linkCue;
                    pending.addAll(split(item, contentFrom, contentTo));
                } else {
                    int[] whole = trim(s, e);
                    Pending item = new Pending(Rule.DISPUTED_BY, whole[0], whole[1], disputed.group(1) + " by", Mode.PHRASE, phrase, phraseAt, s);
                    item.link = Link.DISPUTES_PREVIOUS;
                    item.linkCue = linkCue;
                    pending.add(item);
                }
            }

            // DENIED_REPORTS
            Matcher denied = DENIED_REPORTS.matcher(masked);
            if (denied.find()) {
                int verbAt = s + denied.start(1);
                Subject subject = subjectBefore(mask, s, verbAt);
                int contentFrom = s + denied.end();
                int contentTo = contentEnd(contentFrom, e, cueClauses);
                if (subject != null && words(work, contentFrom, contentTo) >= 3) {
                    markVerbs(usedVerbs, masked, denied.start(), denied.end());
                    Pending reports = new Pending(Rule.DENIED_REPORTS, s + denied.start(2), contentTo, denied.group(2),
                            Mode.FIXED, null, -1, s + denied.start(2));
                    reports.fixedName = "Unnamed media reports";
                    Pending denial = new Pending(Rule.DENIED_REPORTS, verbAt, contentTo, denied.group(1),
                            subject.mode(), subject.phrase(), subject.at(), Math.min(verbAt, subject.at() < 0 ? verbAt : subject.at()));
                    denial.link = Link.DISPUTES_REPORTS;
                    denial.reports = reports;
                    denial.linkCue = denied.group(1) + " " + denied.group(2);
                    denial.statement = draft(work.substring(verbAt, contentTo));
                    pending.add(reports);
                    pending.add(denial);
                }
            }

            // ACCORDING_TO, before or after its statement
            according = ACCORDING_TO.matcher(masked);
            while (according.find()) {
                int contentFrom = s + according.end();
                int contentTo = contentEnd(contentFrom, e, cueClauses);
                if (words(mask, contentFrom, contentTo) >= 3 && mask.charAt(firstNonSpace(contentFrom, contentTo)) != MASK) {
                    Pending item = new Pending(Rule.ACCORDING_TO, contentFrom, contentTo, according.group().strip().replaceAll(",$", ""),
                            Mode.PHRASE, according.group(1), s + according.start(1), s + according.start());
                    pending.addAll(split(item, contentFrom, contentTo));
                }
            }
            Matcher accordingAfter = ACCORDING_TO_AFTER.matcher(masked);
            if (accordingAfter.find()) {
                int[] content = trim(s, s + accordingAfter.start());
                if (words(mask, content[0], content[1]) >= 3 && !containsMask(mask, content[0], content[1])) {
                    pending.add(new Pending(Rule.ACCORDING_TO, content[0], content[1], accordingAfter.group().strip()
                            .replaceAll("^,\\s*", "").replaceAll("[.!]$", ""), Mode.PHRASE, accordingAfter.group(1),
                            s + accordingAfter.start(1), s));
                }
            }

            // IN_VIEW: a statement, or the speaker of the quotation that follows
            Matcher view = IN_VIEW.matcher(masked);
            Subject viewSubject = null;
            int viewEnd = -1;
            if (view.find()) {
                viewSubject = new Subject(Mode.PHRASE, view.group(1), s + view.start(1), -1);
                viewEnd = s + view.end();
                int contentTo = contentEnd(viewEnd, e, cueClauses);
                if (words(mask, viewEnd, contentTo) >= 3 && mask.charAt(firstNonSpace(viewEnd, contentTo)) != MASK) {
                    pending.add(new Pending(Rule.IN_VIEW, viewEnd, contentTo, view.group().strip().replaceAll(",$", ""),
                            Mode.PHRASE, view.group(1), s + view.start(1), s + view.start()));
                }
            }

            // DIRECT_QUOTE: each quotation opening in this sentence, one proposal per sentence of it
            int previousClose = s;
            for (int[] quote : quotes) {
                if (quote[0] < s || quote[0] >= e) {
                    if (quote[0] < s) {
                        previousClose = Math.max(previousClose, Math.min(quote[1] + 1, s));
                    }
                    continue;
                }
                Subject speaker = quoteSpeaker(quote, mask, s, previousClose, quotes, paragraphEnd, viewSubject, viewEnd);
                previousClose = quote[1] + 1;
                int contentFrom = quote[0] + 1;
                int contentTo = Math.min(quote[1], paragraphEnd);
                int quoteWords = words(work, contentFrom, contentTo);
                if (quoteWords == 0 || (quoteWords <= 3 && speaker.mode() == Mode.INHERIT)) {
                    continue; // a scare quote, or no words at all
                }
                // A quotation that continues the last speaker's words is still cued: by its quotation marks.
                String cue = speaker.mode() == Mode.INHERIT ? "quotation marks" : quoteCue(quote, mask, paragraphEnd, s);
                for (int[] part : quoteSentences(contentFrom, contentTo)) {
                    pending.add(new Pending(Rule.DIRECT_QUOTE, part[0], part[1], cue, speaker.mode(), speaker.phrase(),
                            speaker.at(), part[0]));
                }
            }

            // REPORTING_VERB and INVERTED_REPORT
            Matcher verbs = REPORTING.matcher(masked);
            int read = 0;
            while (verbs.find() && read++ < MAX_CUES_PER_SENTENCE) {
                int verbAt = s + verbs.start();
                if (usedVerbs.contains(verbs.start()) || insideAny(verbAt, pending)) {
                    continue;
                }
                String verb = verbs.group(1);
                Subject subject = verb.endsWith("ing") ? new Subject(Mode.PREVIOUS_IN_SENTENCE, null, -1, -1)
                        : subjectBefore(mask, s, verbAt);
                if (subject == null) {
                    continue;
                }
                int after = s + verbs.end();
                boolean relative = subject.phrase() != null && RELATIVE.matcher(mask.substring(Math.max(s, verbAt - 200), verbAt)).find()
                        && isPronoun(clean(subject.phrase()));
                int contentFrom = contentStart(mask, after, e, verb);
                int limit = relative ? nextComma(mask, after, e) : e;
                int contentTo = contentFrom < 0 ? -1 : contentEnd(contentFrom, limit, cueClauses);
                if (contentFrom >= 0 && words(mask, contentFrom, contentTo) >= 3 && mask.charAt(firstNonSpace(contentFrom, contentTo)) != MASK) {
                    int cutAt = mask.indexOf(MASK, contentFrom);
                    if (cutAt >= 0 && cutAt < contentTo) {
                        contentTo = trim(contentFrom, cutAt)[1];
                    }
                    if (words(mask, contentFrom, contentTo) < 3) {
                        continue;
                    }
                    String cue = cueText(subject, verbAt, after);
                    Pending item = new Pending(Rule.REPORTING_VERB, contentFrom, contentTo, cue, subject.mode(), subject.phrase(),
                            subject.at(), subject.at() >= 0 ? Math.min(subject.at(), verbAt) : verbAt);
                    if (CORROBORATING.matcher(verb).matches()) {
                        item.link = Link.CORROBORATES_PREVIOUS;
                        item.linkCue = cue;
                    }
                    pending.addAll(split(item, contentFrom, contentTo));
                } else if (subject.mode() == Mode.PHRASE && subject.leftContentEnd() > 0 && restIsEmpty(mask, after, e)) {
                    int from = Math.max(s, lastMaskEnd(mask, s, subject.leftContentEnd()));
                    int[] content = trim(from, subject.leftContentEnd());
                    if (words(mask, content[0], content[1]) >= 3 && !containsMask(mask, content[0], content[1])) {
                        Pending item = new Pending(Rule.INVERTED_REPORT, content[0], content[1], cueText(subject, verbAt, after),
                                Mode.PHRASE, subject.phrase(), subject.at(), content[0]);
                        item.coverTo = after;
                        pending.add(item);
                    }
                }
            }

            pending.sort(Comparator.comparingInt(p -> p.start));
            Speaker previousInSentence = null;
            for (Pending item : pending) {
                if (found.size() >= MAX_PROPOSALS) {
                    return;
                }
                Speaker speaker = resolve(item, previousInSentence, s);
                if (speaker == null) {
                    continue;
                }
                item.resolved = speaker;
                if (item.mode != Mode.FIXED) {
                    previousInSentence = speaker;
                }
                add(item, speaker, s, e);
            }
            for (Pending item : pending) {
                if (item.index >= 0) {
                    link(item, item.resolved);
                }
            }
            outletStatements(s, e, masked, pending);
        }

        /** OUTLET_STATEMENT: the comma-separated stretches of the sentence that no rule covered, if they state a fact. */
        private void outletStatements(int s, int e, String masked, List<Pending> pending) {
            List<int[]> segments = new ArrayList<>();
            int start = 0;
            for (int i = 0; i <= masked.length(); i++) {
                if (i == masked.length() || masked.charAt(i) == ',' || masked.charAt(i) == ';') {
                    segments.add(new int[]{s + start, s + i});
                    start = i + 1;
                }
            }
            int runStart = -1;
            int runEnd = -1;
            List<int[]> runs = new ArrayList<>();
            for (int[] segment : segments) {
                boolean covered = pending.stream().anyMatch(p -> p.resolved != null && p.coverFrom < segment[1] && p.coverTo > segment[0])
                        || containsMask(masked, segment[0] - s, segment[1] - s);
                if (covered) {
                    if (runStart >= 0) {
                        runs.add(new int[]{runStart, runEnd});
                    }
                    runStart = -1;
                } else {
                    if (runStart < 0) {
                        runStart = segment[0];
                    }
                    runEnd = segment[1];
                }
            }
            if (runStart >= 0) {
                runs.add(new int[]{runStart, runEnd});
            }
            for (int[] run : runs) {
                int[] span = trim(run[0], run[1]);
                if (span[1] - span[0] < 10 || words(work, span[0], span[1]) < 6 || found.size() >= MAX_PROPOSALS) {
                    continue;
                }
                String content = work.substring(span[0], span[1]);
                String firstWord = content.split("\\s+")[0].toLowerCase(Locale.ROOT);
                if (content.startsWith("(") || content.endsWith("?") || firstWord.endsWith("ing")) {
                    continue;
                }
                boolean factual = content.chars().anyMatch(Character::isDigit) || MONTHS.matcher(content).find()
                        || mentions.stream().anyMatch(m -> m.start() >= span[0] && m.end() <= span[1]
                        && (outlet == null || !KnownNames.fits(m.known(), outlet)));
                if (!factual) {
                    continue;
                }
                Pending item = new Pending(Rule.OUTLET_STATEMENT, span[0], span[1], null, Mode.OUTLET, null, -1, span[0]);
                Speaker speaker = outletSpeaker();
                if (speaker != null) {
                    add(item, speaker, s, e);
                }
            }
        }

        private Speaker outletSpeaker() {
            if (outlet == null || outlet.isBlank()) {
                return null;
            }
            return names.resolve(outlet).map(k -> new Speaker(k.name(), k.id(), k.kind(), How.OUTLET))
                    .orElse(new Speaker(outlet.strip(), null, EntityKind.OUTLET, How.OUTLET));
        }

        private void add(Pending item, Speaker speaker, int sentenceStart, int sentenceEnd) {
            int start = item.start;
            int end = Math.min(item.end, start + MAX_QUOTE);
            if (end < item.end) {
                end = trim(start, lastSpace(start, end))[1];
            }
            String quote = text.substring(start, end);
            Map<String, Known> subjects = new LinkedHashMap<>();
            for (int i = mentions.size() - 1; i >= 0 && i >= mentions.size() - 400; i--) {
                Mention m = mentions.get(i);
                if (m.start() >= start && m.end() <= end && !m.known().id().equals(speaker.entityId())) {
                    subjects.put(m.known().id(), m.known());
                }
            }
            List<Known> ordered = new ArrayList<>(subjects.values());
            java.util.Collections.reverse(ordered);
            // A reported statement that starts with "he" or "it" is about someone named before it: say whom.
            Known antecedent = item.rule == Rule.DIRECT_QUOTE || item.rule == Rule.OUTLET_STATEMENT ? null : antecedent(quote, start);
            if (antecedent != null && !antecedent.id().equals(speaker.entityId()) && ordered.stream().noneMatch(k -> k.id().equals(antecedent.id()))) {
                ordered.add(0, antecedent);
            }
            Optional<EventTime> when = EventTimes.in(text.substring(sentenceStart, sentenceEnd), published);
            String statement = item.statement != null ? item.statement
                    : item.rule == Rule.DISPUTED_BY && item.start == trim(sentenceStart, sentenceEnd)[0]
                    ? speaker.name() + " disputes this."
                    : draft(antecedent == null ? quote : antecedent.name() + " " + LEADING_PRONOUN.matcher(quote).replaceFirst(""));
            item.index = found.size();
            found.add(new Found(item.rule, start, end, quote, speaker, item.cue, statement, ordered, when.orElse(null),
                    confidence(item.rule, speaker)));
            if (speaker.how() != How.OUTLET) {
                history.add(new HistoryEntry(speaker, speaker.entityId() == null ? null
                        : names.resolve(speaker.name()).orElse(null), paragraph));
            }
        }

        /** The entity a leading he / she / it stands for: the nearest fitting name before the statement. */
        private Known antecedent(String quote, int start) {
            Matcher pronoun = LEADING_PRONOUN.matcher(quote);
            if (!pronoun.find()) {
                return null;
            }
            boolean person = !pronoun.group(1).equalsIgnoreCase("it");
            for (int i = mentions.size() - 1; i >= 0 && i >= mentions.size() - LOOKBACK; i--) {
                Mention m = mentions.get(i);
                if (m.end() <= start && m.known().kind() != EntityKind.PLACE && fitsPronoun(m.known().kind(), person)) {
                    return m.known();
                }
            }
            return null;
        }

        private void link(Pending item, Speaker speaker) {
            switch (item.link) {
                case DISPUTES_REPORTS -> {
                    if (item.reports != null && item.reports.index >= 0) {
                        relations.add(new Found.Relation("DISPUTES", item.reports.index, item.index, item.linkCue));
                    }
                }
                case DISPUTES_PREVIOUS, CORROBORATES_PREVIOUS -> {
                    for (int i = item.index - 1; i >= 0 && i >= item.index - LOOKBACK; i--) {
                        Found before = found.get(i);
                        if (before.rule() != Rule.OUTLET_STATEMENT && !before.speaker().same(speaker)) {
                            relations.add(new Found.Relation(item.link == Link.DISPUTES_PREVIOUS ? "DISPUTES" : "CORROBORATES",
                                    i, item.index, item.linkCue));
                            break;
                        }
                    }
                }
                default -> {
                }
            }
        }

        private double confidence(Rule rule, Speaker speaker) {
            double base = switch (rule) {
                case DIRECT_QUOTE -> 0.9;
                case ACCORDING_TO, IN_VIEW, DISPUTED_BY -> 0.85;
                case DENIED_REPORTS -> 0.8;
                case REPORTING_VERB -> 0.75;
                case INVERTED_REPORT -> 0.65;
                case OUTLET_STATEMENT -> 0.35;
            };
            double how = switch (speaker.how()) {
                case NAMED, OUTLET -> 1.0;
                case ANONYMOUS -> 0.95;
                case PRONOUN, ROLE -> 0.9;
                case INHERITED -> 0.8;
            };
            double known = speaker.entityId() != null || rule == Rule.OUTLET_STATEMENT ? 1.0 : 0.85;
            return Math.round(base * how * known * 100) / 100.0;
        }

        // ---- speakers ------------------------------------------------------------------------------------------

        private Speaker resolve(Pending item, Speaker previousInSentence, int sentenceStart) {
            return switch (item.mode) {
                case PHRASE -> phrase(item.phrase, item.phraseAt + (item.phrase == null ? 0 : item.phrase.length()));
                case PREVIOUS_IN_SENTENCE -> previousInSentence != null ? previousInSentence : sentenceSubject(sentenceStart);
                case INHERIT -> lastSpeaker(How.INHERITED);
                case FIXED -> names.resolve(item.fixedName).or(() -> names.resolve("Media reports"))
                        .map(k -> new Speaker(k.name(), k.id(), k.kind(), How.ANONYMOUS))
                        .orElse(new Speaker(item.fixedName, null, EntityKind.OTHER, How.ANONYMOUS));
                case OUTLET -> outletSpeaker();
            };
        }

        /** ", and said" with no speaker before it in the sentence: the name or pronoun the sentence starts with. */
        private Speaker sentenceSubject(int sentenceStart) {
            for (int i = mentions.size() - 1; i >= 0 && i >= mentions.size() - LOOKBACK; i--) {
                Mention m = mentions.get(i);
                if (m.start() >= sentenceStart && m.start() - sentenceStart <= 4) {
                    return named(m.known(), How.NAMED);
                }
            }
            Matcher first = WORD.matcher(work.substring(sentenceStart, Math.min(work.length(), sentenceStart + 20)));
            if (first.find() && first.start() <= 2 && isPronoun(first.group())) {
                return pronoun(first.group().toLowerCase(Locale.ROOT), sentenceStart);
            }
            return lastSpeaker(How.INHERITED);
        }

        private Speaker lastSpeaker(How how) {
            for (int i = history.size() - 1; i >= 0; i--) {
                HistoryEntry entry = history.get(i);
                if (paragraph - entry.paragraph() <= 1) {
                    Speaker s = entry.speaker();
                    return new Speaker(s.name(), s.entityId(), s.kind(), how);
                }
                break;
            }
            return null;
        }

        private Speaker phrase(String raw, int at) {
            if (raw == null) {
                return null;
            }
            String phrase = stripEdges(raw);
            Matcher anonymous = ANONYMOUS.matcher(phrase);
            Matcher condition = ANONYMOUS_CONDITION.matcher(phrase);
            String anonymousCore = anonymous.find() ? anonymous.group(1) : condition.find() ? condition.group(1) : null;
            if (anonymousCore != null) {
                return anonymousSpeaker(ARTICLE.matcher(stripEdges(anonymousCore)).replaceFirst(""));
            }
            String core = clean(phrase);
            if (core.isEmpty() || words(core, 0, core.length()) > 8 || NO_ONE.matcher(core).find()) {
                return null;
            }
            String lower = core.toLowerCase(Locale.ROOT);
            if (PERSON_PRONOUNS.contains(lower) || THING_PRONOUNS.contains(lower)) {
                return pronoun(lower, at);
            }
            if (GROUP_WORDS.contains(lower)) {
                return role(lower, at);
            }
            Optional<Known> known = names.resolve(core);
            if (known.isPresent()) {
                return named(known.get(), How.NAMED);
            }
            String bare = ARTICLE.matcher(core).replaceFirst("");
            for (String noun : DOCUMENT_NOUNS) {
                if (KnownNames.key(bare).endsWith(" " + noun)) {
                    Optional<Known> owner = names.resolve(bare.substring(0, bare.length() - noun.length()).strip());
                    if (owner.isPresent()) {
                        return named(owner.get(), How.NAMED);
                    }
                }
            }
            boolean role = !Character.isUpperCase(bare.isEmpty() ? 'a' : bare.charAt(0)) || ARTICLE.matcher(core).find()
                    || !properName(bare);
            if (role) {
                return role(bare, at);
            }
            return new Speaker(bare, null, guessKind(bare), How.NAMED);
        }

        private Speaker anonymousSpeaker(String core) {
            for (String candidate : List.of(core, "Anonymous " + core, "Unnamed " + core)) {
                Optional<Known> known = names.resolve(candidate);
                if (known.isPresent()) {
                    return named(known.get(), How.ANONYMOUS);
                }
            }
            return new Speaker("Unnamed " + core, null, EntityKind.PERSON, How.ANONYMOUS);
        }

        private Speaker named(Known known, How how) {
            return new Speaker(known.name(), known.id(), known.kind(), how);
        }

        /** A pronoun: the nearest speaker before it of a fitting kind, else the nearest fitting name mentioned. */
        private Speaker pronoun(String pronoun, int at) {
            boolean person = PERSON_PRONOUNS.contains(pronoun);
            for (int i = history.size() - 1; i >= 0 && i >= history.size() - LOOKBACK; i--) {
                HistoryEntry entry = history.get(i);
                if (paragraph - entry.paragraph() > 3) {
                    break;
                }
                if (fitsPronoun(entry.speaker().kind(), person)) {
                    Speaker s = entry.speaker();
                    return new Speaker(s.name(), s.entityId(), s.kind(), How.PRONOUN);
                }
            }
            for (int i = mentions.size() - 1; i >= 0 && i >= mentions.size() - LOOKBACK; i--) {
                Mention m = mentions.get(i);
                if (m.end() <= at && fitsPronoun(m.known().kind(), person) && m.known().kind() != EntityKind.PLACE) {
                    return named(m.known(), How.PRONOUN);
                }
            }
            return null;
        }

        private boolean fitsPronoun(EntityKind kind, boolean person) {
            if (kind == null) {
                return person;
            }
            return person ? kind == EntityKind.PERSON : kind != EntityKind.PERSON && kind != EntityKind.PLACE;
        }

        /** A role ("the expert", "the security service"): the nearest speaker or mention whose names fit it. */
        private Speaker role(String role, int at) {
            String roleWords = POST_MODIFIER.matcher(role).replaceFirst("").strip();
            for (String words : List.of(roleWords, headNoun(roleWords))) {
                if (words.isBlank()) {
                    continue;
                }
                for (int i = history.size() - 1; i >= 0 && i >= history.size() - LOOKBACK; i--) {
                    HistoryEntry entry = history.get(i);
                    if (entry.known() != null && KnownNames.fits(entry.known(), words)) {
                        return named(entry.known(), How.ROLE);
                    }
                }
                for (int i = mentions.size() - 1; i >= 0 && i >= mentions.size() - LOOKBACK; i--) {
                    Mention m = mentions.get(i);
                    if (m.end() <= at && KnownNames.fits(m.known(), words)) {
                        return named(m.known(), How.ROLE);
                    }
                }
                List<Known> fitting = names.fitting(words);
                if (fitting.size() == 1) {
                    return named(fitting.get(0), How.ROLE);
                }
            }
            return new Speaker(roleWords, null, roleKind(roleWords), How.ROLE);
        }

        // ---- subjects, contents and quotations -----------------------------------------------------------------

        /**
         * The subject of a reporting verb at {@code verbAt}: the comma-separated stretch just before it, or, after
         * an appositive ("X, a former deputy head of the GKNB, agreed"), the nearest stretch to its left that names
         * someone. ", and said" continues the sentence's previous speaker.
         */
        private Subject subjectBefore(String mask, int sentenceStart, int verbAt) {
            int from = Math.max(Math.max(sentenceStart, verbAt - 300), lastMaskEnd(mask, sentenceStart, verbAt));
            String region = mask.substring(from, verbAt);
            List<int[]> segments = new ArrayList<>();
            int start = 0;
            for (int i = 0; i <= region.length(); i++) {
                if (i == region.length() || region.charAt(i) == ',' || region.charAt(i) == ';' || region.charAt(i) == ':') {
                    segments.add(new int[]{from + start, from + i});
                    start = i + 1;
                }
            }
            int[] last = segments.get(segments.size() - 1);
            String lastText = mask.substring(last[0], last[1]).strip();
            String lowered = lastText.toLowerCase(Locale.ROOT);
            if (lowered.equals("and") || lowered.equals("and also") || lowered.equals("but") || lowered.equals("and then")) {
                return new Subject(Mode.PREVIOUS_IN_SENTENCE, null, verbAt, -1);
            }
            if (!lastText.isEmpty()) {
                int at = last[0] + (mask.substring(last[0], last[1]).length() - mask.substring(last[0], last[1]).stripLeading().length());
                return new Subject(Mode.PHRASE, lastText, at, -1);
            }
            if (segments.size() < 2) {
                return null;
            }
            // An appositive closed just before the verb: look left for the stretch that names the speaker.
            for (int k = segments.size() - 2; k >= 0 && k >= segments.size() - 5; k--) {
                int[] segment = segments.get(k);
                String candidate = mask.substring(segment[0], segment[1]).strip();
                if (candidate.isEmpty()) {
                    continue;
                }
                String bare = LEADING_WORDS.matcher(candidate).replaceFirst("");
                if (names.resolve(bare).isPresent() || (properName(bare) && words(bare, 0, bare.length()) <= 5)) {
                    int at = segment[0] + mask.substring(segment[0], segment[1]).indexOf(bare.isEmpty() ? candidate : bare);
                    return new Subject(Mode.PHRASE, bare, at, k > 0 ? segments.get(k - 1)[1] : -1);
                }
            }
            return null;
        }

        /** The speaker of a quotation: the reporting clause after it, else before it, else the last speaker. */
        private Subject quoteSpeaker(int[] quote, String mask, int sentenceStart, int previousClose, List<int[]> quotes,
                                     int paragraphEnd, Subject viewSubject, int viewEnd) {
            int afterClose = Math.min(quote[1] + 1, paragraphEnd);
            int limit = Math.min(paragraphEnd, afterClose + 300);
            for (int[] other : quotes) {
                if (other[0] >= afterClose && other[0] < limit) {
                    limit = other[0];
                }
            }
            int stop = limit;
            for (int i = afterClose; i < limit; i++) {
                char c = mask.charAt(i);
                if ((c == '.' || c == '!' || c == '?') && i > afterClose) {
                    stop = i;
                    break;
                }
            }
            String trailing = mask.substring(afterClose, stop);
            Matcher verb = QUOTE_VERB.matcher(trailing);
            if (verb.find()) {
                int verbAt = afterClose + verb.start();
                String before = trailing.substring(0, verb.start()).replaceAll("^[\\s,.;:!?]+", "");
                if (before.isBlank()) {
                    // "…," said Malikov.
                    Matcher inverted = Pattern.compile("^\\s+((?:he|she|\\p{Lu}[\\p{L}'’.-]+(?:\\s+\\p{Lu}[\\p{L}'’.-]+){0,3}))")
                            .matcher(trailing.substring(verb.end()));
                    if (inverted.find()) {
                        return new Subject(Mode.PHRASE, inverted.group(1), afterClose + verb.end() + inverted.start(1), -1);
                    }
                } else {
                    Subject subject = subjectBefore(mask, afterClose, verbAt);
                    if (subject != null) {
                        return subject;
                    }
                }
            }
            if (viewSubject != null && viewEnd >= 0 && viewEnd <= quote[0] && mask.substring(viewEnd, quote[0]).isBlank()) {
                return viewSubject;
            }
            int leadFrom = Math.max(sentenceStart, previousClose);
            String leading = mask.substring(leadFrom, quote[0]);
            Matcher leadVerb = QUOTE_VERB.matcher(leading);
            int lastVerb = -1;
            String lastVerbText = null;
            while (leadVerb.find()) {
                lastVerb = leadVerb.start();
                lastVerbText = leadVerb.group(1);
            }
            if (lastVerb >= 0) {
                if (lastVerbText.endsWith("ing")) {
                    return new Subject(Mode.PREVIOUS_IN_SENTENCE, null, -1, -1);
                }
                Subject subject = subjectBefore(mask, leadFrom, leadFrom + lastVerb);
                if (subject != null) {
                    return subject;
                }
            }
            return new Subject(Mode.INHERIT, null, -1, -1);
        }

        private String quoteCue(int[] quote, String mask, int paragraphEnd, int sentenceStart) {
            int afterClose = Math.min(quote[1] + 1, paragraphEnd);
            int stop = afterClose;
            while (stop < paragraphEnd && stop < afterClose + 200 && ".!?".indexOf(mask.charAt(stop)) < 0 && mask.charAt(stop) != MASK) {
                stop++;
            }
            String after = work.substring(afterClose, stop).replaceAll("^[\\s,.;:!?\"”»]+", "").strip();
            if (!after.isEmpty() && QUOTE_VERB.matcher(after).find()) {
                return after.length() > 120 ? after.substring(after.length() - 120).strip() : after;
            }
            String before = work.substring(Math.max(sentenceStart, quote[0] - 120), quote[0]).strip();
            return before.isEmpty() ? "quotation marks" : before;
        }

        private String cueText(Subject subject, int verbAt, int verbEnd) {
            if (subject.at() >= 0 && subject.at() < verbAt) {
                return work.substring(subject.at(), verbEnd).replaceAll("\\s+", " ").strip();
            }
            return work.substring(verbAt, verbEnd);
        }

        private int contentStart(String mask, int after, int end, String verb) {
            String rest = mask.substring(after, end);
            if (verb.startsWith("tol") || verb.startsWith("tell")) {
                Matcher object = TOLD_OBJECT.matcher(rest);
                return object.find() ? after + object.end() : -1;
            }
            Matcher lead = CONTENT_LEAD.matcher(rest);
            return lead.find() ? after + lead.end() : after;
        }

        /** Where a content ends: at the clause of the next cue after it, or at the end given. */
        private int contentEnd(int from, int to, List<Integer> cueClauses) {
            int end = to;
            for (int clause : cueClauses) {
                if (clause > from + 1 && clause < end) {
                    end = clause;
                }
            }
            return trim(from, end)[1];
        }

        /** A content split before ", and he/she/it/they …": two statements of the same speaker. */
        private List<Pending> split(Pending item, int from, int to) {
            Matcher and = PRONOUN_AND_CLAUSE.matcher(work.substring(from, to));
            List<Pending> parts = new ArrayList<>();
            int start = from;
            while (and.find()) {
                int[] part = trim(start, from + and.start());
                if (words(work, part[0], part[1]) >= 3) {
                    parts.add(copy(item, part[0], part[1]));
                }
                start = from + and.end();
            }
            if (parts.isEmpty()) {
                return List.of(item);
            }
            int[] last = trim(start, to);
            Pending tail = copy(item, last[0], last[1]);
            parts.add(tail);
            return parts;
        }

        private Pending copy(Pending item, int start, int end) {
            Pending copy = new Pending(item.rule, start, end, item.cue, item.mode, item.phrase, item.phraseAt,
                    Math.min(item.coverFrom, start));
            copy.link = item.link;
            copy.linkCue = item.linkCue;
            // Later parts of a split continue the first one's relation only once: the part named in the text.
            item.link = Link.NONE;
            return copy;
        }

        private List<int[]> quoteSentences(int from, int to) {
            List<int[]> parts = new ArrayList<>();
            for (Span span : language.sentences(work.substring(from, to))) {
                int[] part = trim(from + span.getStart(), from + span.getEnd());
                if (words(work, part[0], part[1]) >= 2) {
                    parts.add(part);
                }
            }
            if (parts.isEmpty()) {
                int[] whole = trim(from, to);
                if (whole[1] > whole[0]) {
                    parts.add(whole);
                }
            }
            return parts;
        }

        /** Quotations of a paragraph: [opening mark, closing mark]; an unclosed one runs to the paragraph's end. */
        private List<int[]> quotes(int from, int to) {
            List<int[]> list = new ArrayList<>();
            int i = from;
            while (i < to) {
                char c = work.charAt(i);
                char close = switch (c) {
                    case '“' -> '”';
                    case '«' -> '»';
                    case '„' -> '“';
                    case '"' -> '"';
                    default -> 0;
                };
                if (close == 0 || (c == '"' && i > from && Character.isLetterOrDigit(work.charAt(i - 1)))) {
                    i++;
                    continue;
                }
                int end = work.indexOf(close, i + 1);
                if (c == '„' && (end < 0 || end >= to)) {
                    end = work.indexOf('”', i + 1);
                }
                if (end < 0 || end >= to) {
                    end = to;
                }
                list.add(new int[]{i, end});
                i = end + 1;
            }
            return list;
        }

        private List<int[]> sentences(int from, int to) {
            List<int[]> list = new ArrayList<>();
            for (Span span : language.sentences(work.substring(from, to))) {
                int start = from + span.getStart();
                int end = from + span.getEnd();
                while (end - start > MAX_SENTENCE) {
                    int cut = lastSpace(start, start + MAX_SENTENCE);
                    if (cut <= start) {
                        cut = start + MAX_SENTENCE;
                    }
                    list.add(new int[]{start, cut});
                    start = cut;
                }
                if (end > start) {
                    list.add(new int[]{start, end});
                }
            }
            return list;
        }

        // ---- small text helpers --------------------------------------------------------------------------------

        private int lastSpace(int from, int to) {
            for (int i = to - 1; i > from; i--) {
                if (Character.isWhitespace(work.charAt(i))) {
                    return i;
                }
            }
            return to;
        }

        private int[] trim(int from, int to) {
            int start = from;
            int end = Math.max(from, to);
            while (start < end && isEdge(work.charAt(start))) {
                start++;
            }
            while (end > start && isEdge(work.charAt(end - 1))) {
                end--;
            }
            return new int[]{start, end};
        }

        private boolean isEdge(char c) {
            return Character.isWhitespace(c) || c == ',' || c == ';' || c == ':' || c == MASK || c == '\u2026';
        }

        private int firstNonSpace(int from, int to) {
            int i = from;
            while (i < to - 1 && Character.isWhitespace(work.charAt(i))) {
                i++;
            }
            return Math.min(i, Math.max(from, to - 1));
        }

        private int nextComma(String mask, int from, int to) {
            int comma = mask.indexOf(',', from);
            return comma < 0 || comma > to ? to : comma;
        }

        private int clauseStart(String masked, int verb) {
            int comma = masked.lastIndexOf(',', verb);
            return comma < 0 ? 0 : comma;
        }

        private int lastMaskEnd(String mask, int from, int to) {
            for (int i = to - 1; i >= from; i--) {
                if (mask.charAt(i) == MASK) {
                    return i + 1;
                }
            }
            return from;
        }

        private boolean restIsEmpty(String mask, int from, int to) {
            return WORD.matcher(mask.substring(from, to)).results().count() <= 2 && !containsMask(mask, from, to);
        }

        private boolean insideAny(int at, List<Pending> pending) {
            return pending.stream().anyMatch(p -> p.rule != Rule.DIRECT_QUOTE && at >= p.coverFrom && at < p.end);
        }

        private void markVerbs(Set<Integer> used, String masked, int from, int to) {
            Matcher m = REPORTING.matcher(masked);
            m.region(from, to);
            while (m.find()) {
                used.add(m.start());
            }
        }
    }

    // ---- pure helpers ------------------------------------------------------------------------------------------

    /** A copy of the text of the same length in which invisible and direction marks are spaces and apostrophes plain. */
    static String working(String text) {
        char[] chars = text.toCharArray();
        // Markup is no part of what anyone said: a tag reads as spaces, so offsets still point into the text.
        Matcher tag = TAG.matcher(text);
        while (tag.find()) {
            java.util.Arrays.fill(chars, tag.start(), tag.end(), ' ');
        }
        for (int i = 0; i < chars.length; i++) {
            char c = chars[i];
            if ((c >= '\u200B' && c <= '\u200F') || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')
                    || c == '\uFEFF' || c == '\u00A0' || c == '\t' || c == '\u2028' || c == '\u2029' || (c < 0x20 && c != '\n' && c != '\r')) {
                chars[i] = c == '\u2028' || c == '\u2029' ? '\n' : ' ';
            } else if (c == '’' || c == '‘') {
                chars[i] = '\'';
            } else if (c == MASK) {
                chars[i] = ' ';
            }
        }
        return new String(chars);
    }

    private static boolean headline(String paragraph) {
        String stripped = paragraph.strip();
        if (stripped.isEmpty()) {
            return true;
        }
        char last = stripped.charAt(stripped.length() - 1);
        boolean terminal = ".!?\"”»'’)…".indexOf(last) >= 0;
        return !terminal && stripped.split("\\s+").length < 25;
    }

    static int words(String text, int from, int to) {
        if (from < 0 || to <= from) {
            return 0;
        }
        return (int) WORD.matcher(text.substring(from, Math.min(to, text.length()))).results().count();
    }

    private static boolean containsMask(String text, int from, int to) {
        for (int i = Math.max(0, from); i < Math.min(to, text.length()); i++) {
            if (text.charAt(i) == MASK) {
                return true;
            }
        }
        return false;
    }

    private static String stripEdges(String phrase) {
        return phrase.replaceAll("^[\\s,.;:\"“”«»'’" + MASK + "()\\[\\]-]+", "").replaceAll("[\\s,.;:\"“”«»" + MASK + "()\\[\\]-]+$", "");
    }

    /** The speaker words of a subject stretch: after a relative pronoun, without leading conjunctions or post-modifiers. */
    static String clean(String phrase) {
        String s = stripEdges(phrase);
        Matcher relative = RELATIVE.matcher(s);
        int after = -1;
        while (relative.find()) {
            after = relative.end();
        }
        if (after > 0 && after < s.length()) {
            s = s.substring(after);
        }
        s = LEADING_WORDS.matcher(s).replaceFirst("");
        s = POST_MODIFIER.matcher(s).replaceFirst("");
        return stripEdges(s);
    }

    private static boolean isPronoun(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        return PERSON_PRONOUNS.contains(lower) || THING_PRONOUNS.contains(lower);
    }

    /** Capitalised words, small connecting words allowed inside ("State Committee for National Security"). */
    static boolean properName(String phrase) {
        String[] words = phrase.strip().split("\\s+");
        if (words.length == 0 || words[0].isEmpty() || words.length > 6) {
            return false;
        }
        if (!Character.isUpperCase(words[0].charAt(0)) || !Character.isUpperCase(words[words.length - 1].charAt(0))) {
            return false;
        }
        for (String word : words) {
            if (!Character.isUpperCase(word.charAt(0)) && !Set.of("of", "for", "the", "and", "al", "ut", "de", "van", "von", "bin", "ibn").contains(word)) {
                return false;
            }
        }
        return true;
    }

    private static String headNoun(String role) {
        String beforePreposition = role.split("(?i)\\s+(?:in|of|at|for|from|on|with)\\s+")[0].strip();
        String[] words = beforePreposition.split("\\s+");
        return words[words.length - 1];
    }

    /** An unknown role's kind: an agency or organisation by its words, several people or things as OTHER, else a person. */
    static EntityKind roleKind(String role) {
        EntityKind kind = guessKind(role);
        if (kind != EntityKind.PERSON && kind != EntityKind.OTHER) {
            return kind;
        }
        String head = headNoun(role).toLowerCase(Locale.ROOT);
        return head.endsWith("s") || Set.of("data", "media", "police", "people").contains(head) ? EntityKind.OTHER : EntityKind.PERSON;
    }

    static EntityKind guessKind(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        if (key.matches(".*\\b(ministry|committee|service|police|agency|office|army|forces|prosecutor|court|security)\\b.*")) {
            return EntityKind.AGENCY;
        }
        if (key.matches(".*\\b(government|party|council|parliament|company|institute|university|union|think tank|centre|center|bank|organisation|organization)\\b.*")) {
            return EntityKind.ORGANIZATION;
        }
        if (key.matches(".*\\b(news|times|post|tv|radio|press|agency|journal|gazette)\\b.*")) {
            return EntityKind.OUTLET;
        }
        return properName(name) ? EntityKind.PERSON : EntityKind.OTHER;
    }

    /** A statement draft: the words as written, white space folded, starting with a capital, ending with a stop. */
    static String draft(String content) {
        String s = content.replaceAll("\\s+", " ").strip().replaceAll("^(?i)that\\s+", "").replaceAll("[,;:\\s]+$", "");
        if (s.isEmpty()) {
            return s;
        }
        s = Character.toUpperCase(s.charAt(0)) + s.substring(1);
        return s.matches(".*[.!?\"”]$") ? s : s + ".";
    }
}
