package org.gridgov.console;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.StringUtils;

/**
 * The console's map background. Without a tile URL the map draws the grid polygons on a plain background, which is
 * what a machine without internet access needs; with one (an internal tile server, or a public one where allowed)
 * the polygons lie over its tiles.
 *
 * @param tileUrl Leaflet tile URL template, e.g. {@code https://tiles.example.org/{z}/{x}/{y}.png}; empty for none
 * @param tileAttribution the attribution the tile provider requires, shown in the map's corner
 */
@ConfigurationProperties("gridgov.console.map")
public record ConsoleMapProperties(String tileUrl, String tileAttribution) {

    public boolean hasTiles() {
        return StringUtils.hasText(tileUrl);
    }
}
