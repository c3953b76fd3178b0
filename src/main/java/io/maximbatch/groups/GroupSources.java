package io.maximbatch.groups;

import io.maximbatch.legacy.EjabberdRooms;
import io.maximbatch.legacy.EjabberdSharedGroups;
import io.maximbatch.source.ExpandingReader;
import io.maximbatch.source.SourceException;
import io.maximbatch.source.SourceRecord;
import io.maximbatch.source.Sources;
import java.util.List;
import java.util.Map;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * The readers of create-groups' two sources, for the run, the dry run, validate, reconcile and prune alike: as the
 * job file's columns give them, or (`room-opts: ejabberd`) each ejabberd room read as its group and its members, or
 * (`room-opts: ejabberd-sr-group`) each ejabberd shared roster group named from its options.
 */
final class GroupSources {

    /** The run parameter that names the legacy server's XMPP domain (local JIDs are the ones of this domain). */
    static final String XMPP_DOMAIN = "xmpp-domain";

    private GroupSources() {
    }

    static ItemStreamReader<SourceRecord> groups(CreateGroupsSettings settings, Map<String, Object> queryParameters) {
        if (settings.roomOpts() == CreateGroupsSettings.RoomOpts.EJABBERD) {
            EjabberdRooms rooms = rooms(queryParameters);
            return new ExpandingReader(Sources.reader(settings.source().spec(), EjabberdRooms.ROOM_COLUMNS, queryParameters),
                    room -> List.of(rooms.group(room)));
        }
        if (settings.roomOpts() == CreateGroupsSettings.RoomOpts.EJABBERD_SR_GROUP) {
            return new ExpandingReader(Sources.reader(settings.source().spec(), EjabberdSharedGroups.COLUMNS, queryParameters),
                    group -> List.of(EjabberdSharedGroups.group(group)));
        }
        return Sources.reader(settings.source().spec(), CreateGroupsStep.GROUP_COLUMNS, queryParameters);
    }

    static ItemStreamReader<SourceRecord> members(CreateGroupsSettings settings, Map<String, Object> queryParameters) {
        if (settings.roomOpts() == CreateGroupsSettings.RoomOpts.EJABBERD) {
            return new ExpandingReader(Sources.reader(settings.members().spec(), EjabberdRooms.ROOM_COLUMNS, queryParameters),
                    rooms(queryParameters)::members);
        }
        return Sources.reader(settings.members().spec(), CreateGroupsStep.MEMBER_COLUMNS, queryParameters);
    }

    private static EjabberdRooms rooms(Map<String, Object> queryParameters) {
        Object domain = queryParameters.get(XMPP_DOMAIN);
        if (domain == null || domain.toString().isBlank()) {
            throw new SourceException("room-opts: ejabberd tells local JIDs from others by the server's domain: run with "
                    + XMPP_DOMAIN + "=<the XMPP domain>");
        }
        return new EjabberdRooms(domain.toString().strip());
    }
}
