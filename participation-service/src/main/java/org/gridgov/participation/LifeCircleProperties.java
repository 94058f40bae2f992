package org.gridgov.participation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How walking time is estimated, stated in every answer: the straight-line (haversine) distance times a detour factor
 * — streets are not straight lines; 1.3 is the usual ratio of network to crow-flies distance in Chinese urban
 * residential areas — at a walking speed of 1.2 m/s (72 m a minute, 4.3 km/h, an elderly-friendly pace below the
 * 1.3–1.4 m/s of adults). It is an estimate, not a route: routing on the street network (pgRouting over OSM) is
 * planned, not faked.
 *
 * @param detourFactor network distance per straight-line metre
 * @param walkingSpeed metres per second
 */
@ConfigurationProperties("gridgov.participation.life-circle")
public record LifeCircleProperties(@DefaultValue("1.3") double detourFactor, @DefaultValue("1.2") double walkingSpeed) {

    public LifeCircleProperties {
        if (!(detourFactor >= 1 && detourFactor <= 3)) {
            throw new IllegalArgumentException("gridgov.participation.life-circle.detour-factor: 1 to 3");
        }
        if (!(walkingSpeed >= 0.5 && walkingSpeed <= 2.5)) {
            throw new IllegalArgumentException("gridgov.participation.life-circle.walking-speed: 0.5 to 2.5 m/s");
        }
    }

    /** Walking minutes for a straight-line distance in metres. */
    public double minutes(double straightMetres) {
        return straightMetres * detourFactor / (walkingSpeed * 60);
    }

    /** The straight-line metres that take {@code minutes} to walk. */
    public double straightMetres(double minutes) {
        return minutes * walkingSpeed * 60 / detourFactor;
    }

    /** The method, in words, as every answer names it. */
    public String method() {
        return String.format(java.util.Locale.ROOT,
                "straight-line (haversine) distance × %.2f detour factor at %.1f m/s (%.1f km/h, %.0f m/min); "
                        + "an estimate, not a street-network route",
                detourFactor, walkingSpeed, walkingSpeed * 3.6, walkingSpeed * 60);
    }
}
