package com.claimledger.finder.text;

import com.claimledger.time.EventTime;

import java.time.LocalDate;
import java.time.Month;
import java.time.YearMonth;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a sentence says the thing happened, read from its own dates and placed by the article's publication day: a
 * date without a year takes the publication's year, or the year before when that would put it more than a week after
 * the publication (news reports the past). Rules, first match wins:
 * <ul>
 * <li>two days of a month — "July 16 and 17", "July 16-17", "16-17 July" — an interval of those days;</li>
 * <li>a part of a month — "at the beginning of July", "early July", "mid-July", "at the end of July", "late July" —
 *     an imprecise interval (1–10, 11–20, 21–end) with the words as its text;</li>
 * <li>one day — "July 20", "20 July", optionally with a year;</li>
 * <li>a whole month — "in July 2015", "in July" — the month.</li>
 * </ul>
 */
public final class EventTimes {

    private static final String MONTH = "(January|February|March|April|May|June|July|August|September|October|November|December)";
    private static final String YEAR = "(?:,?\\s+(\\d{4}))?";
    private static final String DASH = "\\s*[-–]\\s*";
    private static final Pattern MONTH_DAYS = Pattern.compile("\\b" + MONTH + "\\s+(\\d{1,2})(?:\\s+and\\s+|" + DASH + ")(\\d{1,2})\\b" + YEAR);
    private static final Pattern DAYS_MONTH = Pattern.compile("\\b(\\d{1,2})(?:\\s+and\\s+|" + DASH + ")(\\d{1,2})\\s+" + MONTH + YEAR);
    private static final Pattern PART = Pattern.compile("\\b(?:(?:at|in|by|from|until)\\s+(?:the\\s+)?)?(beginning of|start of|early|mid-?|middle of|end of|late)\\s*"
            + MONTH + YEAR, Pattern.CASE_INSENSITIVE);
    private static final Pattern MONTH_DAY = Pattern.compile("\\b" + MONTH + "\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b" + YEAR);
    private static final Pattern DAY_MONTH = Pattern.compile("\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+" + MONTH + YEAR);
    private static final Pattern WHOLE_MONTH = Pattern.compile("\\bin\\s+" + MONTH + YEAR);

    private EventTimes() {
    }

    public static Optional<EventTime> in(String sentence, LocalDate published) {
        try {
            return Optional.ofNullable(read(sentence, published));
        } catch (RuntimeException e) {
            // An impossible date ("February 31") is no date: the editor types it.
            return Optional.empty();
        }
    }

    private static EventTime read(String sentence, LocalDate published) {
        Matcher m = MONTH_DAYS.matcher(sentence);
        if (m.find()) {
            return interval(month(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), m.group(4), published, m.group());
        }
        m = DAYS_MONTH.matcher(sentence);
        if (m.find()) {
            return interval(month(m.group(3)), Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), m.group(4), published, m.group());
        }
        m = PART.matcher(sentence);
        if (m.find()) {
            YearMonth month = yearMonth(month(m.group(2)), m.group(3), published);
            String part = m.group(1).toLowerCase(Locale.ROOT);
            int from;
            int to;
            if (part.startsWith("beginning") || part.startsWith("start") || part.equals("early")) {
                from = 1;
                to = 10;
            } else if (part.startsWith("mid")) {
                from = 11;
                to = 20;
            } else {
                from = 21;
                to = month.lengthOfMonth();
            }
            return new EventTime(month.atDay(from), month.atDay(to), m.group().strip());
        }
        m = MONTH_DAY.matcher(sentence);
        if (m.find()) {
            LocalDate day = yearMonth(month(m.group(1)), m.group(3), published).atDay(Integer.parseInt(m.group(2)));
            return new EventTime(day, day, m.group().strip());
        }
        m = DAY_MONTH.matcher(sentence);
        if (m.find()) {
            LocalDate day = yearMonth(month(m.group(2)), m.group(3), published).atDay(Integer.parseInt(m.group(1)));
            return new EventTime(day, day, m.group().strip());
        }
        m = WHOLE_MONTH.matcher(sentence);
        if (m.find()) {
            YearMonth month = yearMonth(month(m.group(1)), m.group(2), published);
            return new EventTime(month.atDay(1), month.atEndOfMonth(), m.group().strip());
        }
        return null;
    }

    private static EventTime interval(Month month, int fromDay, int toDay, String year, LocalDate published, String text) {
        YearMonth ym = yearMonth(month, year, published);
        LocalDate from = ym.atDay(Math.min(fromDay, toDay));
        LocalDate to = ym.atDay(Math.max(fromDay, toDay));
        return new EventTime(from, to, text.strip());
    }

    private static Month month(String name) {
        return Month.valueOf(name.toUpperCase(Locale.ROOT));
    }

    private static YearMonth yearMonth(Month month, String year, LocalDate published) {
        if (year != null) {
            return YearMonth.of(Integer.parseInt(year), month);
        }
        YearMonth same = YearMonth.of(published.getYear(), month);
        return same.atDay(1).isAfter(published.plusDays(7)) ? same.minusYears(1) : same;
    }
}
