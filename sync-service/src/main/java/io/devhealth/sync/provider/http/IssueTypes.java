package io.devhealth.sync.provider.http;

import java.util.List;
import java.util.Locale;

/** {@code work_items.type} of a code host's issue, as far as its labels tell. */
public final class IssueTypes {

    private IssueTypes() {
    }

    /** {@code bug} or {@code incident} when a label says so (case-insensitive, anywhere in it), else {@code other}. */
    public static String fromLabels(List<String> labels) {
        for (String label : labels) {
            String name = label.toLowerCase(Locale.ROOT);
            if (name.contains("bug")) {
                return "bug";
            }
            if (name.contains("incident")) {
                return "incident";
            }
        }
        return "other";
    }
}
