package org.timetracker.projects;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/** A project as clients send it, for creation and (merged with the current one) for changes. */
public record ProjectInput(
    @NotBlank(message = "Give the project a name.")
        @Size(max = 100, message = "The project name has at most 100 characters.")
        @Pattern(regexp = "[^\\p{Cntrl}]*", message = "The project name must fit on one line.")
        String name,
    @Size(max = 100, message = "The client has at most 100 characters.")
        @Pattern(regexp = "[^\\p{Cntrl}]*", message = "The client must fit on one line.")
        String client,
    @Pattern(regexp = "#[0-9a-fA-F]{6}", message = "The colour must look like #3b82f6.")
        String color,
    @DecimalMin(value = "0", message = "The hourly rate cannot be negative.")
        @DecimalMax(value = "100000", message = "The hourly rate can be at most 100000.")
        @Digits(integer = 6, fraction = 2, message = "The hourly rate has at most two decimals.")
        BigDecimal hourlyRate,
    Boolean billable,
    Boolean archived) {

  public static final String DEFAULT_COLOR = "#64748b";
}
