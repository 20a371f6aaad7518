package io.wirelab.stack;

/**
 * Neighbor cache entry states, as Linux names them (RFC 4861 §7.3.2 gives the model; RFC 1122
 * §2.3.2.1 asks for cache validation). FAILED entries are removed at once.
 */
public enum NeighborState { INCOMPLETE, REACHABLE, STALE, DELAY, PROBE }
