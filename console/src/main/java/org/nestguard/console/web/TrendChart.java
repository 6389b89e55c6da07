package org.nestguard.console.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.nestguard.console.store.ComplianceDay;

/**
 * One control's 30-day trend as the dashboard draws it: an inline SVG bar per day (the passing share) laid out
 * here, on the server, so the page needs no script, prints, and reads the same on a tablet; the same figures go
 * in the table beside it for screen readers.
 *
 * @param days one entry per calendar day, oldest first; a day with no record has a null {@code counts}
 */
public record TrendChart(String control, List<Day> days) {
    /** The drawing's width and height in SVG units, and where its plot area lies. */
    public static final int WIDTH = 400;
    public static final int HEIGHT = 140;
    public static final int LEFT = 40;
    public static final int TOP = 10;
    public static final int PLOT_HEIGHT = 100;
    private static final int STEP = 12;

    /** One day: its counts (null: no record) and its bar's place. */
    public record Day(LocalDate day, ComplianceDay counts, int index) {
        public boolean recorded() {
            return counts != null;
        }

        /** The passing share in whole percent of the devices the control applies to. */
        public int percent() {
            return counts == null || counts.counted() == 0 ? 0 : Math.round(100f * counts.passing() / counts.counted());
        }

        public int x() {
            return LEFT + index * STEP + 1;
        }

        public int y() {
            return TOP + PLOT_HEIGHT - height();
        }

        public int height() {
            // a day at 0% still shows a sliver, so it does not look like a day without a record
            return Math.max(1, percent());
        }

        public int width() {
            return STEP - 2;
        }
    }

    /** The chart for the control from {@code first} for {@code count} days, from the recorded rows (any controls). */
    public static TrendChart of(String control, List<ComplianceDay> rows, LocalDate first, int count) {
        List<Day> days = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            LocalDate day = first.plusDays(i);
            ComplianceDay counts = rows.stream().filter(row -> row.control().equals(control)
                    && row.day().equals(day)).findFirst().orElse(null);
            days.add(new Day(day, counts, i));
        }
        return new TrendChart(control, days);
    }

    /** The y of a percentage line (0, 50, 100) for the axis. */
    public static int yOf(int percent) {
        return TOP + PLOT_HEIGHT - percent;
    }

    /** Where the x-axis labels sit. */
    public static int labelY() {
        return TOP + PLOT_HEIGHT + 18;
    }

    /** The right end of the plot area. */
    public static int right() {
        return LEFT + 30 * STEP;
    }

    /** A sentence for the chart's description: the first and latest recorded share. */
    public String description() {
        List<Day> recorded = days.stream().filter(Day::recorded).toList();
        if (recorded.isEmpty()) {
            return "No days recorded yet for " + control + ".";
        }
        Day first = recorded.get(0);
        Day last = recorded.get(recorded.size() - 1);
        int lowest = recorded.stream().mapToInt(Day::percent).min().orElse(0);
        return "Share of devices passing " + control + ": " + first.percent() + "% on " + first.day() + ", "
                + last.percent() + "% on " + last.day() + "; lowest " + lowest + "%. " + recorded.size() + " of "
                + days.size() + " days recorded.";
    }

    /** The days newest first, for the figures table (today at the top of its scrolling box). */
    public List<Day> newestFirst() {
        List<Day> reversed = new ArrayList<>(days);
        java.util.Collections.reverse(reversed);
        return reversed;
    }

    public LocalDate firstDay() {
        return days.get(0).day();
    }

    public LocalDate lastDay() {
        return days.get(days.size() - 1).day();
    }
}
