package io.maximbatch.maxim;

import java.util.HashSet;
import java.util.Set;

/**
 * The one rule every cursor-paged MaxIM list is read by. A page without a cursor ends it, and so does a page without
 * entries: the Swagger promises no cursor on the last page only for GET /roster/list, so another server may hand one
 * with its last page and answer the next with nothing. A cursor that comes back on a page with entries is an error,
 * never a list read forever.
 */
public final class CursorPages {

    private final String list;
    private final Set<String> seen = new HashSet<>();

    /** list: what is read, for the error, e.g. "the member list of group 7". */
    public CursorPages(String list) {
        this.list = list;
    }

    /** The cursor to read the page after this one with, or null when the list ended with this page. */
    public String next(String cursor, boolean emptyPage) {
        if (cursor == null || emptyPage) {
            return null;
        }
        if (!seen.add(cursor)) {
            throw new IllegalStateException(list + " repeats cursor " + cursor);
        }
        return cursor;
    }
}
