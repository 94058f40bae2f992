package org.gridgov.participation;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The eight kinds of service facilities of the 15-minute community life circle (温江区's plan): 社区管理, 终身教育,
 * 医疗养老, 文化活动, 体育健身, 商业服务, 交通市政, 绿化休闲.
 */
public enum FacilityKind {

    COMMUNITY_ADMIN("社区管理"),
    LIFELONG_EDUCATION("终身教育"),
    HEALTH_ELDERLY("医疗养老"),
    CULTURE("文化活动"),
    SPORTS("体育健身"),
    COMMERCE("商业服务"),
    TRANSPORT_UTILITIES("交通市政"),
    GREEN_LEISURE("绿化休闲");

    private final String chinese;

    FacilityKind(String chinese) {
        this.chinese = chinese;
    }

    /** The plan's Chinese name. */
    public String chinese() {
        return chinese;
    }

    /** A kind by its enum name (any case) or its Chinese name; empty for anything else. */
    public static Optional<FacilityKind> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String t = text.strip();
        return Arrays.stream(values())
            .filter(k -> k.name().equals(t.toUpperCase(Locale.ROOT).replace('-', '_')) || k.chinese.equals(t))
            .findFirst();
    }
}
