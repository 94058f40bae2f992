package org.gridgov.console;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.springframework.stereotype.Component;

/**
 * Formats instants for console pages as {@code ${@consoleTimes.format(instant)}}. The platform serves Chengdu, so
 * times are shown in China Standard Time whatever zone the server runs in (containers often run in UTC).
 */
@Component("consoleTimes")
public class ConsoleTimes {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZONE);

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
        .withZone(ZONE);

    public String format(Instant instant) {
        return instant == null ? "" : MINUTES.format(instant);
    }

    public String formatSeconds(Instant instant) {
        return instant == null ? "" : SECONDS.format(instant);
    }
}
