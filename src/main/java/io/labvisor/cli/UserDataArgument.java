package io.labvisor.cli;

import io.labvisor.ec2.Ec2Exception;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code --user-data}: raw text, or {@code file://PATH} read as the AWS CLI reads it. */
final class UserDataArgument {
    private UserDataArgument() {
    }

    static String read(String value) {
        if (!value.startsWith("file://")) {
            return value;
        }
        Path file = Path.of(value.substring("file://".length()));
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw Ec2Exception.invalidParameter("Error parsing parameter '--user-data': Unable to load paramfile "
                    + value + ": " + e.getMessage());
        }
    }
}
