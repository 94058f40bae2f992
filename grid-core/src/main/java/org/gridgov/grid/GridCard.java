package org.gridgov.grid;

import java.util.List;

/**
 * The grid card (微网格员名片) a resident gets by scanning the QR code on a card or sharing a location: "your grid is
 * X; your grid worker is NAME, phone, duties". Public: nothing here is personal beyond the worker's name and work
 * phone, which the card exists to give out.
 *
 * @param chain names from the district down to the grid
 * @param servedFromGridCode the grid whose worker is shown, when the grid itself has no primary worker yet
 */
public record GridCard(String gridCode, String gridName, GridType gridType, List<String> chain, String workerName,
        String workerPhone, StaffRole workerRole, String servedFromGridCode, List<String> duties) {
}
