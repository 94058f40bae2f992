/**
 * Data scope: the one mechanism by which every module filters grid-bound data to the caller's part of the tree.
 */
package org.gridgov.shared.scope;
