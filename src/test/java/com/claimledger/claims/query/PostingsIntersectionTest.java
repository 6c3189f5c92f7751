package com.claimledger.claims.query;

import com.claimledger.claims.query.ClaimReader.Candidate;
import com.claimledger.claims.query.ClaimReader.Postings;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A search's terms' postings intersected a block at a time ({@link ClaimReader#intersect}): whatever the block size,
 * the sets and the key, the claims found are those in every term's postings after the key, in page order, up to the
 * count — as a brute-force intersection says.
 */
class PostingsIntersectionTest {

    @Test
    void theClaimsInEveryTermsPostingsComeInPageOrderAfterTheKeyWhateverTheBlock() {
        Random random = new Random(7);
        for (int round = 0; round < 300; round++) {
            int claims = 1 + random.nextInt(60);
            // claims share narrative times (an article's claims do): page order is time, then id
            List<Candidate> all = new ArrayList<>();
            for (int i = 0; i < claims; i++) {
                all.add(new Candidate("c-" + (char) ('a' + random.nextInt(26)) + i,
                        Instant.parse("2015-07-01T00:00:00Z").plusSeconds(3600L * random.nextInt(8))));
            }
            all.sort(ClaimReader.PAGE_ORDER);
            int termCount = 2 + random.nextInt(3);
            List<List<Candidate>> postings = new ArrayList<>();
            for (int t = 0; t < termCount; t++) {
                // disjoint, sparse, dense or every claim
                double share = List.of(0.0, 0.1, 0.5, 0.9, 1.0).get(random.nextInt(5));
                postings.add(all.stream().filter(c -> random.nextDouble() < share).toList());
            }
            Candidate key = random.nextBoolean() || all.isEmpty() ? null : all.get(random.nextInt(all.size()));
            int count = 1 + random.nextInt(20);
            int block = 1 + random.nextInt(7);

            List<Candidate> expected = all.stream()
                    .filter(c -> key == null || ClaimReader.PAGE_ORDER.compare(c, key) > 0)
                    .filter(c -> postings.stream().allMatch(p -> p.contains(c))).limit(count).toList();
            List<Integer> reads = new ArrayList<>();
            List<Postings> terms = postings.stream().map(p -> inMemory(p, reads)).toList();

            List<Candidate> found = ClaimReader.intersect(terms, key == null ? null : key.occurredAt(),
                    key == null ? null : key.id(), count, block);

            assertThat(found).as("round %d: %d terms, block %d, count %d", round, termCount, block, count)
                    .containsExactlyElementsOf(expected);
            assertThat(reads).as("every read asks for a block").allMatch(asked -> asked == block);
        }
    }

    @Test
    void twoTermsNoClaimHasBothReadEachTermsPostingsOnceInBlocks() {
        List<Candidate> odd = new ArrayList<>();
        List<Candidate> even = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            (i % 2 == 0 ? even : odd).add(new Candidate(String.format("c-%04d", i), Instant.parse("2015-07-01T00:00:00Z")));
        }
        List<Integer> given = new ArrayList<>();
        Postings evenTerm = counting(inMemory(even, new ArrayList<>()), given);
        Postings oddTerm = counting(inMemory(odd, new ArrayList<>()), given);

        assertThat(ClaimReader.intersect(List.of(evenTerm, oddTerm), null, null, 50, 100)).isEmpty();
        // each claim's posting is read about once, not once for every claim of the other term
        assertThat(given.stream().mapToInt(Integer::intValue).sum()).isLessThanOrEqualTo(1000 + 2 * 100);
    }

    @Test
    void aTermOfFewClaimsBesideOneOfManySkipsToItsClaims() {
        List<Candidate> many = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            many.add(new Candidate(String.format("c-%05d", i), Instant.parse("2015-07-01T00:00:00Z").plusSeconds(i)));
        }
        List<Candidate> few = List.of(many.get(5_000), many.get(9_990));
        List<Integer> given = new ArrayList<>();

        assertThat(ClaimReader.intersect(List.of(counting(inMemory(many, new ArrayList<>()), given),
                counting(inMemory(few, new ArrayList<>()), given)), null, null, 50, 100)).containsExactlyElementsOf(few);
        assertThat(given.stream().mapToInt(Integer::intValue).sum()).isLessThan(1_000);
    }

    private static Postings inMemory(List<Candidate> postings, List<Integer> reads) {
        TreeSet<Candidate> ordered = new TreeSet<>(ClaimReader.PAGE_ORDER);
        ordered.addAll(postings);
        return (time, id, atKey, count) -> {
            reads.add(count);
            Set<Candidate> after = time == null ? ordered : ordered.tailSet(new Candidate(id, time), atKey);
            return after.stream().limit(count).toList();
        };
    }

    private static Postings counting(Postings postings, List<Integer> given) {
        return (time, id, atKey, count) -> {
            List<Candidate> next = postings.from(time, id, atKey, count);
            given.add(next.size());
            return next;
        };
    }
}
