package io.maximbatch.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Repository;

/**
 * The applied-state ledger: for each entity and attribute, a hash of the value MaxIM last confirmed, and of the value
 * being sent (PENDING, committed before the call). Writes commit at once, apart from the chunk, like the other ledgers.
 */
@Repository
public class AppliedState extends Ledger {

    AppliedState(LedgerTables tables) {
        super(tables);
    }

    /** One attribute of one entity, e.g. ("user:L17", "profile"). */
    public record Key(String entity, String attribute) {
    }

    /**
     * What is recorded of a key: the hash last applied (null: never), the hash being sent (null: none), the value
     * last applied where it is kept (see Change), and a value learnt while sending the pending one (savePendingValue).
     */
    public record State(String applied, String pending, String appliedValue, String pendingValue) {

        public State(String applied, String pending) {
            this(applied, pending, null, null);
        }

        public State(String applied, String pending, String appliedValue) {
            this(applied, pending, appliedValue, null);
        }
    }

    /** A value to send for a key, by its hash; value: kept once applied, for attributes whose next change needs it. */
    public record Change(Key key, String hash, String value) {

        public Change(Key key, String hash) {
            this(key, hash, null);
        }
    }

    /** The hash a value is recorded by: the first 32 hex digits of its SHA-256. */
    public static String hash(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The recorded state of these keys; keys never recorded are absent. */
    public Map<Key, State> find(Collection<Key> keys) {
        // A set: a chunk asks for tens of thousands of keys, each answer row is checked against them.
        Set<Key> wanted = new HashSet<>(keys);
        Map<String, List<Key>> byEntity = new HashMap<>();
        keys.forEach(k -> byEntity.computeIfAbsent(k.entity(), e -> new ArrayList<>()).add(k));
        List<String> entities = new ArrayList<>(byEntity.keySet());
        Map<Key, State> found = new HashMap<>();
        for (int i = 0; i < entities.size(); i += LedgerTables.IN_LIST_SIZE) {
            tables.jdbc().query("SELECT entity, attribute, applied_hash, pending_hash, applied_value, pending_value FROM applied_state WHERE entity IN (:entities)",
                    Map.of("entities", entities.subList(i, Math.min(entities.size(), i + LedgerTables.IN_LIST_SIZE))), rs -> {
                        Key key = new Key(rs.getString(1), rs.getString(2));
                        if (wanted.contains(key)) {
                            found.put(key, new State(rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)));
                        }
                    });
        }
        return found;
    }

    /** Records the values about to be sent as PENDING and commits, before their calls. */
    public void savePending(List<Change> changes) {
        if (changes.isEmpty()) {
            return;
        }
        long now = System.currentTimeMillis();
        tables.ownTransaction().executeWithoutResult(status -> {
            int[] updated = tables.jdbc().batchUpdate("UPDATE applied_state SET pending_hash = :hash, pending_value = NULL, updated_at = :now"
                    + " WHERE entity = :entity AND attribute = :attribute", parameters(changes, now));
            insertMissing(changes, updated, "VALUES (:entity, :attribute, NULL, :hash, :now, NULL)", now);
        });
    }

    /** Records values MaxIM confirmed (or holds already) as applied and commits. */
    public void markApplied(List<Change> changes) {
        if (changes.isEmpty()) {
            return;
        }
        long now = System.currentTimeMillis();
        tables.ownTransaction().executeWithoutResult(status -> {
            int[] updated = tables.jdbc().batchUpdate("UPDATE applied_state SET applied_hash = :hash, applied_value = :value, pending_hash = NULL, pending_value = NULL,"
                    + " updated_at = :now WHERE entity = :entity AND attribute = :attribute", parameters(changes, now));
            insertMissing(changes, updated, "VALUES (:entity, :attribute, :hash, NULL, :now, :value)", now);
        });
    }

    /** Keeps a value learnt while sending a PENDING one (the change's value, e.g. an upload's URL) and commits. */
    public void savePendingValue(Change change) {
        tables.ownTransaction().executeWithoutResult(status -> tables.jdbc().update("UPDATE applied_state SET pending_value = :value,"
                + " updated_at = :now WHERE entity = :entity AND attribute = :attribute AND pending_hash = :hash",
                parameters(List.of(change), System.currentTimeMillis())[0]));
    }

    /** Drops the PENDING values MaxIM refused (the applied one stays) and commits: a corrected source may try again. */
    public void clearPending(List<Change> changes) {
        if (changes.isEmpty()) {
            return;
        }
        tables.ownTransaction().executeWithoutResult(status -> tables.jdbc().batchUpdate("UPDATE applied_state SET pending_hash = NULL,"
                + " pending_value = NULL, updated_at = :now WHERE entity = :entity AND attribute = :attribute AND pending_hash = :hash",
                parameters(changes, System.currentTimeMillis())));
    }

    /** Inserts the changes an update found no row for (updated: the update's counts, in order). */
    private void insertMissing(List<Change> changes, int[] updated, String values, long now) {
        List<Change> fresh = new ArrayList<>();
        for (int i = 0; i < changes.size(); i++) {
            if (updated[i] == 0) {
                fresh.add(changes.get(i));
            }
        }
        if (!fresh.isEmpty()) {
            tables.jdbc().batchUpdate("INSERT INTO applied_state (entity, attribute, applied_hash, pending_hash, updated_at, applied_value) " + values,
                    parameters(fresh, now));
            tables.growth().grew("applied_state", fresh.size());
        }
    }

    private static SqlParameterSource[] parameters(List<Change> changes, long now) {
        return changes.stream().map(c -> (SqlParameterSource) new MapSqlParameterSource().addValue("entity", c.key().entity())
                .addValue("attribute", c.key().attribute()).addValue("hash", c.hash()).addValue("value", c.value()).addValue("now", now))
                .toArray(SqlParameterSource[]::new);
    }
}
