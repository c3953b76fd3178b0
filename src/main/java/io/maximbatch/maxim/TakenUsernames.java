package io.maximbatch.maxim;

import io.maximbatch.maxim.MaximModel.UserInfo;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Whether MaxIM already has a username, as a dry run asks before it answers a registration. A migration usually goes
 * into a new or small app, so the app's users are listed first (GET /user/list, at most maxPages pages): one call can
 * then stand for hundreds of look-ups. An app too large to list in maxPages pages is asked one name at a time
 * (GET /roster/name), so listing costs at most maxPages calls more than looking up.
 */
final class TakenUsernames implements Predicate<String> {

    /** 25 pages of 200: an app of up to 5,000 users is listed, costing at most half a second more at 50 calls/s. */
    static final int MAX_PAGES = 25;

    private final MaximClient client;
    private final int maxPages;
    private Listing listing;

    /** The app's usernames as listed, exactly and in lower case; or none when the app had more than maxPages pages. */
    private record Listing(boolean complete, Set<String> exact, Set<String> folded) {
    }

    TakenUsernames(MaximClient client, int maxPages) {
        this.client = client;
        this.maxPages = maxPages;
    }

    @Override
    public boolean test(String username) {
        Listing known = listing();
        if (!known.complete()) {
            return client.findUser(username).isPresent();
        }
        if (known.exact().contains(username)) {
            return true;
        }
        // Whether MaxIM takes "Alice" and "alice" for one name is not documented: on such a near miss, MaxIM decides.
        return known.folded().contains(fold(username)) && client.findUser(username).isPresent();
    }

    /** Read once, by the first registration that asks; the others wait for it rather than list the app again. */
    private synchronized Listing listing() {
        if (listing == null) {
            listing = list();
        }
        return listing;
    }

    private Listing list() {
        Set<String> exact = new HashSet<>();
        Iterator<List<UserInfo>> pages = PagedLists.userPages(client).iterator();
        for (int read = 0; read < maxPages; read++) {
            if (!pages.hasNext()) {
                Set<String> folded = new HashSet<>();
                exact.forEach(name -> folded.add(fold(name)));
                return new Listing(true, exact, folded);
            }
            pages.next().stream().map(UserInfo::username).filter(name -> name != null).forEach(exact::add);
        }
        return new Listing(false, Set.of(), Set.of());
    }

    private static String fold(String username) {
        return username.toLowerCase(Locale.ROOT);
    }
}
