package io.devhealth.sync.provider.pagerduty;

import static io.devhealth.sync.provider.http.StreamingJson.array;
import static io.devhealth.sync.provider.http.StreamingJson.object;
import static io.devhealth.sync.provider.http.StreamingJson.skip;
import static io.devhealth.sync.provider.http.StreamingJson.text;
import static io.devhealth.sync.provider.http.StreamingJson.textMember;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;

import io.devhealth.sync.provider.http.ApiException;
import io.devhealth.sync.provider.http.ApiResponse;
import io.devhealth.sync.provider.http.OffsetPagination;
import io.devhealth.sync.provider.http.ProviderJson;
import io.devhealth.sync.provider.http.StreamingJson;

/**
 * Decodes a page of an incident's log entries ({@code {"log_entries": [...], "offset", "limit", "more"}}) token by
 * token into {@link LogEntry}s: an incident's log repeats the incident, service and agent references in every entry,
 * none of which is built into a tree.
 */
final class LogEntryJson {

    private LogEntryJson() {
    }

    /**
     * One log entry as the rows read it. Text members absent or null are {@code ""}.
     *
     * @param createdAt   epoch milliseconds
     * @param agentId     who or what acted ({@code agent.id}); {@code agentType} {@code user_reference},
     *                    {@code service_reference}, …; {@code agentName} its {@code summary}
     * @param channelType how ({@code channel.type}: {@code web_trigger}, {@code api}, {@code timeout}, …)
     */
    record LogEntry(String id, String type, long createdAt, String agentId, String agentType, String agentName,
            String channelType, String summary) {
    }

    /**
     * One page of an incident's log.
     *
     * @param position the page's {@code offset}, {@code limit} and {@code more}, read on the same pass
     *                 ({@link OffsetPagination.PositionReader}): what the next page is found by
     */
    record Page(List<LogEntry> entries, OffsetPagination.Page position) {
    }

    /**
     * @throws ApiException {@link ApiException.Kind#MALFORMED} when the body is not JSON, has no {@code log_entries}
     *         array, or holds an entry that is not an object or lacks its id or {@code created_at}
     */
    static Page page(ApiResponse response) {
        return StreamingJson.read(response, parser -> {
            List<LogEntry> entries = new ArrayList<>();
            boolean[] listed = {false};
            OffsetPagination.PositionReader position = new OffsetPagination.PositionReader();
            object(parser, (name, p) -> {
                if (name.equals(PagerDutyStreams.LOG_ENTRIES)) {
                    listed[0] = array(p, entry -> entries.add(entry(entry)));
                } else if (!position.member(name, p)) {
                    skip(p);
                }
            });
            if (!listed[0]) {
                throw new ApiException(ApiException.Kind.MALFORMED, response.status(), "GET " + response.uri()
                        + ": expected a JSON array in member \"" + PagerDutyStreams.LOG_ENTRIES + "\"");
            }
            return new Page(entries, position.page());
        });
    }

    private static LogEntry entry(JsonParser parser) throws IOException {
        String[] values = {"", "", "", "", "", "", "", ""}; // id, type, created_at, agent id/type/summary, channel, summary
        if (!object(parser, (name, p) -> {
            switch (name) {
                case "id" -> values[0] = text(p);
                case "type" -> values[1] = text(p);
                case "created_at" -> values[2] = text(p);
                case "agent" -> object(p, (member, q) -> {
                    switch (member) {
                        case "id" -> values[3] = text(q);
                        case "type" -> values[4] = text(q);
                        case "summary" -> values[5] = text(q);
                        default -> skip(q);
                    }
                });
                case "channel" -> values[6] = textMember(p, "type");
                case "summary" -> values[7] = text(p);
                default -> skip(p);
            }
        })) {
            throw ProviderJson.notAnObject();
        }
        if (values[0].isEmpty()) {
            throw ProviderJson.malformed("id", "is missing");
        }
        if (values[2].isEmpty()) {
            throw ProviderJson.malformed("created_at", "is missing");
        }
        return new LogEntry(values[0], values[1], ProviderJson.parseTime(values[2], "created_at"), values[3], values[4],
                values[5], values[6], values[7]);
    }
}
