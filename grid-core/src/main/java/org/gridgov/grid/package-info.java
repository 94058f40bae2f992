/**
 * Grid core: the grid tree (district → street → community → general / micro / dedicated grids), who serves each
 * grid, departments, and "which grid is this point in". Every other module calls into it.
 */
package org.gridgov.grid;
