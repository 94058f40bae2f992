package org.gridgov.console;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.springframework.stereotype.Component;

/**
 * The console's one formatter of times: every page shows instants as {@code ${@consoleTimes.format(instant)}} (or
 * {@code formatSeconds}, {@code formatDate}), never with {@code #temporals} (which would use the server's zone). The
 * platform serves Chengdu, so times are shown in China Standard Time whatever zone the server runs in (containers
 * often run in UTC); controllers that turn a picked day into instants use {@link #ZONE} too.
 */
@Component("consoleTimes")
public class ConsoleTimes {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZONE);

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
        .withZone(ZONE);

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZONE);

    public String format(Instant instant) {
        return instant == null ? "" : MINUTES.format(instant);
    }

    /** The day in China Standard Time, e.g. an expiry shown as a date. */
    public String formatDate(Instant instant) {
        return instant == null ? "" : DAY.format(instant);
    }

    public String formatSeconds(Instant instant) {
        return instant == null ? "" : SECONDS.format(instant);
    }
}
