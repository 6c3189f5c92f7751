package com.claimledger.bench;

import com.claimledger.articles.api.ArticleWrites.NewArticle;
import com.claimledger.claims.api.ClaimWrites.NewClaim;
import com.claimledger.dossier.Dossier;
import com.claimledger.entities.api.EntityKind;
import com.claimledger.entities.api.EntityWrites.NewEntity;
import com.claimledger.kernel.Names;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Synthetic but newsroom-shaped case files, the same for the same seed: every dossier registers its own new people
 * and organisations (with aliases), records one article per ten claims (whose text holds every quote), and its claims
 * are about a mix of its own entities and a few recurring ones, on stories (topics) that run for a while and end, as a
 * newsroom's do (see {@link #topic}); about one claim
 * in ten is disputed by a later one, one in twenty corroborated, one in two hundred retracted. Narrative time spreads
 * over ten years in ledger order, so that "as of a day" and "the diff of a day" select a slice, not everything.
 */
final class Corpus {

    private static final List<String> FIRST = List.of("Aibek", "Nurlan", "Gulnara", "Roza", "Temir", "Asel", "Bakyt", "Dinara",
            "Erlan", "Feruza", "Ilyas", "Jamila", "Kanat", "Lola", "Marat", "Nazira", "Omurbek", "Perizat", "Rustam",
            "Saltanat", "Talant", "Umida", "Vera", "Zarina", "Almaz", "Bolot", "Chynara", "Daniyar", "Elmira", "Farhod");
    private static final List<String> LAST = List.of("Usenov", "Sadykova", "Atambaev", "Otunbaeva", "Karimov", "Bekova", "Tashiev",
            "Mamytova", "Japarov", "Ismailova", "Abdullaev", "Nazarova", "Osmonov", "Kasymova", "Sultanov", "Akhmedova",
            "Rakhimov", "Zhumabaeva", "Turgunov", "Alieva", "Baiturov", "Duishenova", "Ergeshov", "Imanalieva");
    private static final List<String> ORG = List.of("Border Service", "Ministry of Interior", "Regional Council", "Water Authority",
            "Customs Committee", "Prosecutor's Office", "Red Crescent", "Farmers' Union", "Election Commission",
            "Mining Company", "Health Ministry", "Teachers' Association");
    private static final List<String> PLACES = List.of("Osh", "Batken", "Jalal-Abad", "Naryn", "Talas", "Karakol", "Isfara",
            "Kara-Suu", "Uzgen", "Tokmok", "Balykchy", "Aravan");
    private static final List<String> OUTLETS = List.of("Daily Ledger", "Mountain Post", "Valley Herald", "Steppe Times",
            "Border Wire", "Capital Review", "River Gazette", "Evening Courier");
    private static final List<String> VERBS = List.of("denied", "confirmed", "reported", "disputed", "estimated", "announced",
            "rejected", "acknowledged");
    private static final List<String> THINGS = List.of("the ceasefire", "the water allocation", "the border crossing",
            "the casualty figures", "the reservoir agreement", "the evacuation order", "the customs inspection",
            "the election results", "the mining licence", "the curfew", "the road blockade", "the aid convoy");
    /** Words the full-text reads search for: each occurs in some statements, none in all. */
    static final List<String> SEARCH_WORDS = List.of("ceasefire", "reservoir", "evacuation", "curfew", "blockade", "convoy",
            "licence", "casualty", "inspection", "allocation");

    static final LocalDate FIRST_DAY = LocalDate.of(2015, 1, 1);
    static final int DAYS = 3650;

    private final Random random = new Random(42);
    private final int totalClaims;
    private final Set<String> nameKeys = new HashSet<>();
    private final List<String> names = new ArrayList<>();
    private final List<String> articleIds = new ArrayList<>();
    private final List<String> articleQuotes = new ArrayList<>();
    private int entityCount;
    private int articleCount;
    private int claimCount;
    /** The topics a stretch of {@value #TOPIC_STRETCH} claims is about: each topic runs over this many stretches. */
    static final int TOPICS_AT_ONCE = 10;
    static final int TOPIC_STRETCH = 200;

    Corpus(int totalClaims) {
        this.totalClaims = totalClaims;
    }

    /** The next dossier of {@code claims} claims. */
    Dossier next(int claims) {
        List<NewEntity> entities = new ArrayList<>();
        List<String> local = new ArrayList<>();
        for (int i = 0; i < Math.max(2, claims / 20); i++) {
            NewEntity entity = entity();
            entities.add(entity);
            local.add(entity.name());
        }
        List<NewArticle> articles = new ArrayList<>();
        List<NewClaim> newClaims = new ArrayList<>();
        List<Dossier.Relation> relations = new ArrayList<>();
        List<Dossier.Retraction> retractions = new ArrayList<>();
        int articlesHere = Math.max(1, claims / 10);
        for (int a = 0; a < articlesHere; a++) {
            String articleId = "a-" + articleCount;
            LocalDate day = dayOf(articleCount);
            String published = day.atTime(6 + random.nextInt(14), random.nextInt(60)).toInstant(ZoneOffset.UTC).toString();
            String outlet = OUTLETS.get(random.nextInt(OUTLETS.size()));
            int claimsHere = a == articlesHere - 1 ? claims - newClaims.size() : claims / articlesHere;
            StringBuilder text = new StringBuilder("Reporting from ").append(PLACES.get(random.nextInt(PLACES.size())))
                    .append(". ");
            List<NewClaim> ofArticle = new ArrayList<>();
            for (int c = 0; c < claimsHere; c++) {
                String source = pick(local);
                String subject = pick(local);
                String other = random.nextInt(4) == 0 || names.size() <= local.size() ? pick(local) : popular();
                String thing = THINGS.get(random.nextInt(THINGS.size()));
                String place = PLACES.get(random.nextInt(PLACES.size()));
                String statement = source + " " + VERBS.get(random.nextInt(VERBS.size())) + " that " + subject
                        + " was responsible for " + thing + " near " + place + " (report " + claimCount + ")";
                String quote = "\"" + subject + " is responsible for " + thing + ", and " + other
                        + " knew it,\" " + source + " told reporters on item " + claimCount + ".";
                text.append(quote).append(' ').append("Officials in ").append(place)
                        .append(" did not respond to requests for comment. ");
                ofArticle.add(new NewClaim("c-" + claimCount, articleId, statement, quote, source,
                        subject.equals(other) ? List.of(subject) : List.of(subject, other), topic(claimCount, random), published, null));
                claimCount++;
            }
            articles.add(new NewArticle(articleId, "https://news.example/" + outlet.toLowerCase().replace(' ', '-')
                    + "/" + day + "/story-" + articleCount, "What " + local.get(0) + " said in " + day, outlet, published,
                    "Staff reporter " + (articleCount % 50), "en", text.toString()));
            articleIds.add(articleId);
            articleQuotes.add(ofArticle.get(0).quote());
            newClaims.addAll(ofArticle);
            articleCount++;
        }
        // Relations and retractions point from a later claim of the dossier to an earlier one, at the later one's time.
        for (int i = 1; i < newClaims.size(); i++) {
            NewClaim by = newClaims.get(i);
            NewClaim claim = newClaims.get(random.nextInt(i));
            int roll = random.nextInt(200);
            if (roll < 20 && !claim.articleId().equals(by.articleId())) {
                relations.add(new Dossier.Relation(Dossier.RelationType.DISPUTES, claim.id(), by.id(),
                        by.attributedTo() + " contradicts this", later(claim, by)));
            } else if (roll < 30 && !claim.articleId().equals(by.articleId())) {
                relations.add(new Dossier.Relation(Dossier.RelationType.CORROBORATES, claim.id(), by.id(),
                        "independent confirmation", later(claim, by)));
            } else if (roll == 199) {
                retractions.add(new Dossier.Retraction(by.id(), "the outlet withdrew the report", by.attributedTo(),
                        null));
            }
        }
        return new Dossier("bench dossier of " + claims + " claims", entities, articles, newClaims, relations,
                retractions);
    }

    /** A relation happens once both claims were asserted (articles of one day come in any hour). */
    private static String later(NewClaim a, NewClaim b) {
        return Instant.parse(a.assertedAt()).isAfter(Instant.parse(b.assertedAt())) ? a.assertedAt() : b.assertedAt();
    }

    private NewEntity entity() {
        int n = entityCount++;
        boolean person = n % 4 != 3;
        String name;
        String alias;
        if (person) {
            String first = FIRST.get(n % FIRST.size());
            String last = LAST.get((n / FIRST.size()) % LAST.size());
            int generation = n / (FIRST.size() * LAST.size());
            String middle = generation == 0 ? " " : " " + (char) ('A' + generation % 26) + ". ";
            String suffix = generation < 26 ? "" : " " + (generation / 26 + 1);
            name = first + middle + last + suffix;
            alias = first.charAt(0) + "." + middle + last + suffix + " of " + PLACES.get(n % PLACES.size());
        } else {
            String place = PLACES.get(n % PLACES.size());
            String org = ORG.get((n / PLACES.size()) % ORG.size());
            int generation = n / (PLACES.size() * ORG.size());
            name = place + " " + org + (generation == 0 ? "" : " No. " + generation);
            alias = "the " + org.toLowerCase() + " in " + place + (generation == 0 ? "" : " (" + generation + ")");
        }
        nameKeys.add(Names.key(name));
        List<String> aliases = nameKeys.add(Names.key(alias)) ? List.of(alias) : List.of();
        names.add(name);
        return new NewEntity("e-" + n, name, person ? EntityKind.PERSON : EntityKind.ORGANIZATION, aliases);
    }

    private LocalDate dayOf(int article) {
        long totalArticles = Math.max(1, totalClaims / 10);
        return FIRST_DAY.plusDays(Math.min(DAYS - 1, article * (long) DAYS / totalArticles));
    }

    private String pick(List<String> list) {
        return list.get(random.nextInt(list.size()));
    }

    /** A recurring entity: the first hundred of the ledger come up again and again. */
    private String popular() {
        return names.get(random.nextInt(Math.min(100, names.size())));
    }

    /** A new claim for a single write: quoting an article already recorded. */
    NewClaim single(int n, Random r) {
        int article = r.nextInt(articleIds.size());
        String quote = articleQuotes.get(article);
        return new NewClaim("w-" + n, articleIds.get(article), names.get(r.nextInt(names.size()))
                + " repeated the account (single write " + n + ")", quote, names.get(r.nextInt(names.size())),
                List.of(names.get(r.nextInt(names.size()))), topic(claimCount, r), null, null);
    }

    String randomName(Random r) {
        return names.get(r.nextInt(names.size()));
    }

    /** A subject that many claims are about (the recurring ones): the disputed view's heavy case. */
    String recurringName(Random r) {
        return names.get(r.nextInt(Math.min(100, names.size())));
    }

    /**
     * The topic of claim {@code n}: one of the {@value #TOPICS_AT_ONCE} stories running at its point of the ledger.
     * Claim n's stretch {@code n / TOPIC_STRETCH} opens topic {@code n / TOPIC_STRETCH + TOPICS_AT_ONCE - 1} and is
     * the last for topic {@code n / TOPIC_STRETCH}; so each topic gathers about {@value #TOPIC_STRETCH} claims over
     * {@code TOPICS_AT_ONCE} stretches and then ends, whatever the size of the ledger. (A topic count fixed by the final
     * size, as before, made a topic hold 2 claims at the 10^4 checkpoint of a 10^6 run and 200 at its end, so that the
     * read curve measured the size of the answer, not the size of the ledger.)
     */
    private static String topic(int n, Random random) {
        return "topic-" + (n / TOPIC_STRETCH + random.nextInt(TOPICS_AT_ONCE));
    }

    /** Any topic recorded so far (the newest ones are still running). */
    String randomTopic(Random r) {
        return "topic-" + r.nextInt(Math.max(1, claimCount / TOPIC_STRETCH + TOPICS_AT_ONCE));
    }

    /** Claim ids are "c-0" to "c-(claims-1)": derived, not held, so that a 10^6-claim run keeps no list of them. */
    String randomClaim(Random r) {
        return "c-" + r.nextInt(claimCount);
    }

    /** A day on the narrative axis that the ledger so far covers. */
    LocalDate randomDay(Random r) {
        long last = ChronoUnit.DAYS.between(FIRST_DAY, dayOf(Math.max(0, articleCount - 1)));
        return FIRST_DAY.plusDays(r.nextInt((int) last + 1));
    }

    int claims() {
        return claimCount;
    }
}
