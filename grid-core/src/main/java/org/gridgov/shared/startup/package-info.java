/**
 * Start-up work run after the context is up and before readiness (see {@link org.gridgov.shared.startup.StartupTask}).
 */
package org.gridgov.shared.startup;
