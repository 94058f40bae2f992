/**
 * Grid core: the grid tree (district → street → community → general / micro / dedicated grids), who serves each
 * grid, departments, and "which grid is this point in". Every other module calls into it.
 */
@ApplicationModule(displayName = "Grid core", allowedDependencies = { "shared" })
package org.gridgov.grid;

import org.springframework.modulith.ApplicationModule;
