package org.gridgov.participation;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The life circle a facility serves: the 15-minute circle's (a street's or large community's facilities, 15分钟) or the
 * 5–10-minute circle's (a compound's doorstep facilities, 5-10分钟).
 */
public enum FacilityLevel {

    FIFTEEN_MINUTES("15分钟"),
    FIVE_TO_TEN_MINUTES("5-10分钟");

    private final String chinese;

    FacilityLevel(String chinese) {
        this.chinese = chinese;
    }

    public String chinese() {
        return chinese;
    }

    /** By enum name, Chinese name, or simply 15 / 5-10 / 5–10 / 10; empty for anything else. */
    public static Optional<FacilityLevel> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String t = text.strip().replace('–', '-').replace('—', '-').replace("分钟", "").replace("min", "");
        if (t.equals("15")) {
            return Optional.of(FIFTEEN_MINUTES);
        }
        if (t.equals("5-10") || t.equals("10") || t.equals("5")) {
            return Optional.of(FIVE_TO_TEN_MINUTES);
        }
        return Arrays.stream(values()).filter(l -> l.name().equals(text.strip().toUpperCase(Locale.ROOT))
                || l.chinese.equals(text.strip())).findFirst();
    }
}
