package org.gridgov.console;

import org.gridgov.grid.GridCard;
import org.gridgov.grid.GridNodeService;
import org.gridgov.shared.DomainException;
import org.springframework.stereotype.Component;

/** Grid cards as the console, the printed cards and the phone page show them: with their public address and QR. */
@Component
class GridCardModels {

    private final GridNodeService grids;
    private final GridCardLinks links;

    GridCardModels(GridNodeService grids, GridCardLinks links) {
        this.grids = grids;
        this.links = links;
    }

    CardModel model(GridCard card) {
        String servedFromName = null;
        if (card.servedFromGridCode() != null) {
            try {
                servedFromName = grids.getByCode(card.servedFromGridCode()).name();
            }
            catch (DomainException ex) {
                servedFromName = card.servedFromGridCode(); // outside the viewer's scope: the code says enough
            }
        }
        String publicUrl = links.publicUrl(card.gridCode());
        return new CardModel(card, servedFromName, publicUrl,
                QrCodes.svg(publicUrl, card.gridName() + " " + card.gridCode()));
    }

    /**
     * A card as a page shows it.
     *
     * @param servedFromName the name of the ancestor grid whose worker the card shows, or null
     * @param publicUrl the public card URL, what the printed QR code carries
     * @param qrSvg the QR code of {@code publicUrl} as an inline SVG element
     */
    public record CardModel(GridCard card, String servedFromName, String publicUrl, String qrSvg) {

        /** The phone number as a {@code tel:} URI: digits and a leading + only. */
        public String telUri() {
            return card.workerPhone() == null ? null : "tel:" + card.workerPhone().replaceAll("[^0-9+]", "");
        }
    }
}
