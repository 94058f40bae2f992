package org.gridgov.incident.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How {@link IncidentFigureQuery.Split} cuts a period for the rollups (issue 18): whole days, whole hours, whole
 * 5-minute buckets and what is left for {@code incident} cover the period exactly once, and with 5-minute sums no
 * more than 5 minutes at an end of a partial hour is left to be read from the incidents.
 */
class IncidentFigureSplitTest {

    private final Random random = new Random(20261207);

    @Test
    void every_instant_of_a_period_is_counted_exactly_once_at_every_level() {
        Instant now = Instant.parse("2026-12-07T01:23:45.678Z");
        Instant since = Instant.parse("2026-12-05T01:20:00Z");
        for (int i = 0; i < 5_000; i++) {
            Instant from = now.minusSeconds(random.nextLong(400L * 24 * 3600)).minusMillis(random.nextInt(1000));
            Instant to = random.nextBoolean() ? now : from.plusSeconds(random.nextLong(3 * 24 * 3600));
            for (boolean hourly : new boolean[] { true, false }) {
                for (Instant minutes : new Instant[] { since, null }) {
                    IncidentFigureQuery.Split split = IncidentFigureQuery.Split.of(from, to, hourly, minutes);
                    assertTiles(split, from, to, minutes);
                }
            }
        }
    }

    @Test
    void with_five_minute_sums_at_most_five_minutes_at_each_end_of_an_hour_are_left_to_the_incidents() {
        Instant to = Instant.parse("2026-12-07T01:23:45Z");
        Instant from = to.minus(Duration.ofDays(30)).plusSeconds(17);
        IncidentFigureQuery.Split split = IncidentFigureQuery.Split.of(from, to, true, Instant.EPOCH);
        for (Interval live : intervals(split.live())) {
            assertThat(Duration.between(live.from(), live.to())).isLessThan(Duration.ofMinutes(5));
        }
        assertThat(intervals(split.minutes())).as("the last partial hour, 01:00–01:23:45, in buckets up to 01:20")
            .contains(new Interval(Instant.parse("2026-12-07T01:00:00Z"), Instant.parse("2026-12-07T01:20:00Z")));

        IncidentFigureQuery.Split older = IncidentFigureQuery.Split.of(from, to, true, to.minus(Duration.ofDays(2)));
        assertThat(intervals(older.live())).as("an edge before the buckets are complete is read from the incidents")
            .anyMatch(live -> live.from().equals(from) && Duration.between(live.from(), live.to()).toMinutes() > 5);
    }

    private static void assertTiles(IncidentFigureQuery.Split split, Instant from, Instant to, Instant since) {
        List<Interval> all = new ArrayList<>();
        Instant firstDay = split.firstDay().atStartOfDay(IncidentFigureQuery.CHINA).toInstant();
        Instant lastDay = split.lastDay().atStartOfDay(IncidentFigureQuery.CHINA).toInstant();
        if (firstDay.isBefore(lastDay)) {
            all.add(new Interval(firstDay, lastDay));
        }
        all.addAll(intervals(split.hours()));
        all.addAll(intervals(split.minutes()));
        all.addAll(intervals(split.live()));
        all.sort(Comparator.comparing(Interval::from));
        Instant at = from;
        for (Interval interval : all) {
            assertThat(interval.from()).as("%s – %s: no gap, no overlap at %s", from, to, at).isEqualTo(at);
            at = interval.to();
        }
        assertThat(at).as("%s – %s covered to its end", from, to).isEqualTo(to);
        for (Interval hour : intervals(split.hours())) {
            assertThat(hour.from().getEpochSecond() % 3600).isZero();
            assertThat(hour.to().getEpochSecond() % 3600).isZero();
        }
        for (Interval bucket : intervals(split.minutes())) {
            assertThat(bucket.from().getEpochSecond() % 300).isZero();
            assertThat(bucket.to().getEpochSecond() % 300).isZero();
            assertThat(since).as("5-minute sums only where there are some").isNotNull();
            assertThat(bucket.from()).as("only buckets that are complete").isAfterOrEqualTo(since);
        }
    }

    /** The non-empty ranges of an array of [from, to) pairs. */
    private static List<Interval> intervals(Instant[] bounds) {
        List<Interval> ranges = new ArrayList<>();
        for (int i = 0; i < bounds.length; i += 2) {
            if (bounds[i].isBefore(bounds[i + 1])) {
                ranges.add(new Interval(bounds[i], bounds[i + 1]));
            }
        }
        return ranges;
    }

    private record Interval(Instant from, Instant to) {
    }
}
