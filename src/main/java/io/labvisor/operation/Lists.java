package io.labvisor.operation;

import java.util.List;

/** Request records take lists that a door may leave null (an option not given): they hold an empty one. */
public final class Lists {
    private Lists() {
    }

    public static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}
