package io.maximbatch.sandbox;

import java.util.HashMap;
import java.util.Map;

/**
 * The sandbox's object storage for avatars: an upload URL is a ticket for one user, one method and one upload (a URL
 * used once is refused, as a signed storage URL is); a stored file is served at its download URL.
 */
final class SandboxFiles {

    /** An upload URL handed out: for whom, by which method, and the POST form fields it must come with. */
    record Ticket(long id, long userId, String method, Map<String, String> form) {
    }

    record Stored(byte[] bytes, String contentType) {
    }

    private final Map<Long, Ticket> tickets = new HashMap<>();
    private final Map<Long, Stored> files = new HashMap<>();
    private long nextId = 1;

    /** A new upload URL for the user; odd users are asked to POST a form, even ones to PUT: both are always exercised. */
    synchronized Ticket issue(long userId) {
        long id = nextId++;
        String method = userId % 2 == 1 ? "POST" : "PUT";
        Map<String, String> form = method.equals("POST")
                ? Map.of("key", "avatars/" + id, "policy", "sandbox-policy-" + id, "OSSAccessKeyId", "sandbox", "signature", "sig-" + id)
                : Map.of();
        Ticket ticket = new Ticket(id, userId, method, form);
        tickets.put(id, ticket);
        return ticket;
    }

    /** Stores the upload of a ticket, which is used up; false for an unknown or used ticket. */
    synchronized boolean store(long ticketId, byte[] bytes, String contentType) {
        if (tickets.remove(ticketId) == null) {
            return false;
        }
        files.put(ticketId, new Stored(bytes.clone(), contentType));
        return true;
    }

    synchronized Ticket ticket(long ticketId) {
        return tickets.get(ticketId);
    }

    /** The file stored under that id, or null. */
    synchronized Stored file(long id) {
        return files.get(id);
    }
}
