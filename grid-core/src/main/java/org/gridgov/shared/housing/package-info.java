/**
 * Where dwellings are, as a port ({@link org.gridgov.shared.housing.DwellingLocations}): owned and implemented by
 * resident-service (a dwelling lies where its building is, else where its compound is), read by the participation
 * module's 15-minute life circle coverage report without reaching into resident-service's tables.
 */
package org.gridgov.shared.housing;
