package io.labvisor.compute;

import java.util.List;

/** The instances one RunInstances call launched. */
public record Reservation(String reservationId, List<Instance> instances) {
}
