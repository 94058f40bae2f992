package org.gridgov.shared.archfixture;

import org.gridgov.grid.GridType;

/** A deliberate violation (test sources only): the shared kernel depending on grid core. */
public class SharedCodeThatCallsGrid {

    public boolean isMicro(GridType type) {
        return type == GridType.MICRO_GRID;
    }
}
