package io.wirelab.link;

/** A FloodFilter whose state can live in a row of a switch's FloodRows (FloodFanout binds it there). */
public interface RowFloodFilter extends FloodFilter {
    /** Empty rows of this filter's kind, one per port of a switch of size ports. */
    FloodRows newRows(int size);

    /**
     * Moves this filter's state and counts into row of rows and keeps them there, answering through it
     * from then on; null rows moves them back into the filter. False (nothing moved) when rows are of
     * another kind.
     */
    boolean bind(FloodRows rows, int row);
}
