package org.gridgov.console;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;

/** The public address of a grid card, the one its QR code carries (see {@link GridCardProperties}). */
@Component
class GridCardLinks {

    static final String PUBLIC_CARD_PATH = "/api/v1/public/grid-cards/{code}";

    private final GridCardProperties properties;

    GridCardLinks(GridCardProperties properties) {
        this.properties = properties;
    }

    String publicUrl(String gridCode) {
        UriComponentsBuilder base = properties.hasPublicBaseUrl()
                ? UriComponentsBuilder.fromUriString(properties.publicBaseUrl().replaceAll("/+$", ""))
                : ServletUriComponentsBuilder.fromCurrentContextPath();
        return base.path(PUBLIC_CARD_PATH).buildAndExpand(gridCode).encode().toUriString();
    }
}
