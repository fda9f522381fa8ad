package org.timetracker.entries;

import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/**
 * An entry as clients send it: whole for a manual entry, merged with the current one for a change.
 * Timer starts use only the describing fields.
 */
public record EntryInput(
    Instant start,
    Instant end,
    @Size(max = 500, message = "The description has at most 500 characters.") String description,
    Long projectId,
    @Size(max = 20, message = "An entry has at most 20 tags.") List<String> tags,
    Boolean billable) {}
