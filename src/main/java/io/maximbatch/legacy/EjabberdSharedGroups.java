package io.maximbatch.legacy;

import io.maximbatch.legacy.ErlangTerm.Atom;
import io.maximbatch.legacy.ErlangTerm.Tuple;
import io.maximbatch.source.SourceRecord;
import io.maximbatch.step.SourceVerdict;
import java.util.List;

/**
 * ejabberd's shared roster groups (`sr_group` rows read with their owner by the job's query) as create-groups reads
 * groups: the group's name is the `label` in its options (`sr_group.opts`), else their `name`, else the group's id
 * (the row's name). Options that cannot be read reject the row (UNREADABLE_OPTS) unless the query already rejects it.
 */
public final class EjabberdSharedGroups {

    /** The columns a shared-group query must give (reject_code and reject_reason may be empty). */
    public static final List<String> COLUMNS = List.of("legacy_group_id", "name", "owner_legacy_id", "opts",
            SourceVerdict.REJECT_CODE, SourceVerdict.REJECT_REASON);

    private EjabberdSharedGroups() {
    }

    /** One sr_group row as a group row: the same columns, the name taken from its options. */
    public static SourceRecord group(SourceRecord row) {
        if (row.problem() != null) {
            return row;
        }
        String[] values = row.values().clone();
        try {
            String name = name(row.get("opts"));
            if (name != null) {
                values[row.columns().index().get("name")] = name;
            }
        } catch (ErlangTermException e) {
            if (row.get(SourceVerdict.REJECT_CODE) == null) {
                values[row.columns().index().get(SourceVerdict.REJECT_CODE)] = EjabberdRooms.UNREADABLE_OPTS;
                values[row.columns().index().get(SourceVerdict.REJECT_REASON)] = "the shared group's options (opts) cannot be read: "
                        + e.getMessage();
            }
        }
        return new SourceRecord(row.line(), row.columns(), values, null);
    }

    /** The non-empty label of the options, else their non-empty name; null when neither is (or no options are given). */
    static String name(String opts) {
        if (opts == null) {
            return null;
        }
        if (!(ErlangTerm.parse(opts) instanceof List<?> options)) {
            throw new ErlangTermException("shared group options are a list of {Key, Value}");
        }
        String name = null;
        for (String key : List.of("label", "name")) {
            for (Object option : options) {
                if (name == null && option instanceof Tuple pair && pair.size() == 2 && pair.get(0) instanceof Atom atom
                        && atom.name().equals(key)) {
                    String text = EjabberdRoomOpts.text(pair.get(1));
                    name = text == null || text.isBlank() ? null : text;
                }
            }
        }
        return name;
    }
}
