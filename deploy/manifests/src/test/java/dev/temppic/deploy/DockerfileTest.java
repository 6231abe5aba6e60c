package dev.temppic.deploy;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks deploy/docker/service.Dockerfile and its ignore file. */
class DockerfileTest {

    private static final Path DOCKER = Manifests.resolve("deploy/docker");

    @Test
    void serviceDockerfilePassesRules() {
        assertThat(DockerfileRules.check(Manifests.read(DOCKER.resolve("service.Dockerfile")))).isEmpty();
    }

    @Test
    void serviceDockerfileHasTwoStages() {
        assertThat(DockerfileRules.stages(Manifests.read(DOCKER.resolve("service.Dockerfile")))).hasSize(2);
    }

    @Test
    void ignoreFileExcludesSecretsAndBuildOutput() {
        String ignore = Manifests.read(DOCKER.resolve("service.Dockerfile.dockerignore"));

        assertThat(ignore.lines()).contains(".git", "**/target", "deploy/compose/.env");
    }
}
