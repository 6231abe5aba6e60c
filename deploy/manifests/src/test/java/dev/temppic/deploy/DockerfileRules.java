package dev.temppic.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Rules for the service Dockerfile. The text is split into build stages at each FROM line, after
 * joining lines continued with a backslash and dropping comments.
 */
final class DockerfileRules {

    private static final Set<String> ROOT_USERS = Set.of("root", "0", "root:root", "0:0", "root:0", "0:root");

    private DockerfileRules() {
    }

    /** One instruction, e.g. {@code USER 10001:10001}: its upper-case keyword and its arguments. */
    record Instruction(String keyword, String arguments) {
    }

    /** Runs every rule on the text of a Dockerfile. */
    static List<String> check(String dockerfile) {
        List<String> violations = new ArrayList<>();
        List<List<Instruction>> stages = stages(dockerfile);
        if (stages.size() < 2) {
            violations.add("Dockerfile must be multi-stage (a build stage and a runtime stage), found "
                    + stages.size() + " stage(s)");
            return violations;
        }

        String buildBase = stages.get(0).get(0).arguments();
        if (!buildBase.matches("(?i)(maven:[^ ]*eclipse-temurin-17[^ ]*|eclipse-temurin:17-jdk[^ ]*)( AS .*)?")) {
            violations.add("build stage must start from a Maven or JDK image on eclipse-temurin 17, got " + buildBase);
        }

        List<Instruction> runtime = stages.get(stages.size() - 1);
        String runtimeBase = runtime.get(0).arguments();
        if (!runtimeBase.matches("(?i)eclipse-temurin:17-jre[^ ]*( AS .*)?")) {
            violations.add("runtime stage must start from eclipse-temurin:17-jre, got " + runtimeBase);
        }
        checkUser(runtime, violations);
        checkRuntimeSettings(runtime, violations);
        return violations;
    }

    private static void checkUser(List<Instruction> runtime, List<String> violations) {
        String user = null;
        for (Instruction instruction : runtime) {
            if (instruction.keyword().equals("USER")) {
                user = instruction.arguments().strip();
            }
        }
        if (user == null) {
            violations.add("runtime stage has no USER instruction, so the service would run as root");
        } else if (ROOT_USERS.contains(user.toLowerCase(Locale.ROOT))) {
            violations.add("runtime stage USER is " + user + "; it must be a non-root user");
        }
    }

    private static void checkRuntimeSettings(List<Instruction> runtime, List<String> violations) {
        String allText = String.join("\n", runtime.stream().map(i -> i.keyword() + " " + i.arguments()).toList());
        if (!allText.contains("-XX:MaxRAMPercentage=")) {
            violations.add("runtime stage must size the heap from the container limit with -XX:MaxRAMPercentage");
        }
        if (!allText.contains("SERVER_ADDRESS=0.0.0.0")) {
            violations.add("runtime stage must set SERVER_ADDRESS=0.0.0.0; the services default to 127.0.0.1");
        }
        String healthcheck = runtime.stream()
                .filter(i -> i.keyword().equals("HEALTHCHECK"))
                .map(Instruction::arguments)
                .findFirst()
                .orElse(null);
        if (healthcheck == null || !healthcheck.contains("/actuator/health/readiness")) {
            violations.add("runtime stage must have a HEALTHCHECK on /actuator/health/readiness");
        } else if (healthcheck.contains("curl") && !installs(runtime, "curl")) {
            violations.add("HEALTHCHECK uses curl, but the runtime stage does not install it");
        } else if (healthcheck.contains("wget") && !installs(runtime, "wget")) {
            violations.add("HEALTHCHECK uses wget, but the runtime stage does not install it");
        }
    }

    private static boolean installs(List<Instruction> stage, String tool) {
        return stage.stream()
                .filter(i -> i.keyword().equals("RUN"))
                .anyMatch(i -> i.arguments().matches("(?s).*(apt-get|apk|microdnf|dnf|yum) .*install.*\\b" + tool + "\\b.*"));
    }

    /** Splits a Dockerfile into stages, each starting with its FROM instruction. */
    static List<List<Instruction>> stages(String dockerfile) {
        List<List<Instruction>> stages = new ArrayList<>();
        for (Instruction instruction : instructions(dockerfile)) {
            if (instruction.keyword().equals("FROM")) {
                stages.add(new ArrayList<>());
            }
            if (!stages.isEmpty()) {
                stages.get(stages.size() - 1).add(instruction);
            }
        }
        return stages;
    }

    private static List<Instruction> instructions(String dockerfile) {
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : dockerfile.split("\\R")) {
            String stripped = line.strip();
            if (stripped.startsWith("#") || (stripped.isEmpty() && current.length() == 0)) {
                continue;
            }
            if (stripped.endsWith("\\")) {
                current.append(stripped, 0, stripped.length() - 1).append(' ');
                continue;
            }
            current.append(stripped);
            String text = current.toString().strip();
            current.setLength(0);
            if (text.isEmpty()) {
                continue;
            }
            int space = text.indexOf(' ');
            String keyword = (space < 0 ? text : text.substring(0, space)).toUpperCase(Locale.ROOT);
            String arguments = space < 0 ? "" : text.substring(space + 1).strip();
            instructions.add(new Instruction(keyword, arguments));
        }
        return instructions;
    }
}
