/**
 * Open311 GeoReport v2 (JSON and XML) over the incident module. Its {@code api_key} authentication
 * ({@link org.gridgov.integration.open311.Open311ApiKeyFilter}) is part of the protocol and is what the web app's
 * security wiring puts in front of {@code /open311/**}.
 */
@NamedInterface("open311")
package org.gridgov.integration.open311;

import org.springframework.modulith.NamedInterface;
