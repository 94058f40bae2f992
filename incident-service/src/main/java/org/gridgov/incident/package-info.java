/**
 * The incident module. It depends on grid core only; see the issue that builds it for its scope.
 */
package org.gridgov.incident;
