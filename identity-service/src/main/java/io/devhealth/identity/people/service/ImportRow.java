package io.devhealth.identity.people.service;

/**
 * One identity of one person as an import file states it (a CSV row; a JSON person's identity, or the person alone
 * when it lists none). Values are stripped; absent ones are null. {@code provider} and {@code externalId} are both
 * null for a row that only states a person.
 *
 * @param line the line the row (CSV) or the person object (JSON) starts on, 1-based
 * @param personPath where the JSON person is, e.g. {@code [3]}; null for CSV
 * @param identityPath where the JSON identity is, e.g. {@code [3].identities[0]}; null for CSV and for no identity
 */
public record ImportRow(int line, String personPath, String identityPath, String key, String displayName,
        String primaryEmail, String provider, String externalId, String name, String email) {

    /** Whether the row names an identity (it may still be invalid). */
    boolean hasIdentity() {
        return provider != null || externalId != null;
    }

    /** Where the conflicts and errors of this row point: JSON path of the identity or person; null for CSV. */
    String path() {
        return identityPath != null ? identityPath : personPath;
    }

    /** How errors name a person field: the JSON path, or the CSV column. */
    String personField(String jsonName, String csvColumn) {
        return personPath == null ? csvColumn : personPath + "." + jsonName;
    }

    /** How errors name an identity field: the JSON path, or the CSV column. */
    String identityField(String jsonName, String csvColumn) {
        return identityPath == null ? csvColumn : identityPath + "." + jsonName;
    }
}
