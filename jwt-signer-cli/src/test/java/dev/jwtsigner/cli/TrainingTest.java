package dev.jwtsigner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingTest {

  @TempDir
  Path folder;

  @Test
  void everyStepGivesTheExitCodeItShouldAndWritesOnlyIntoItsFolder() throws Exception {
    assertThat(Training.run(folder)).isEmpty();
    assertThat(folder.resolve("ec/private.pem")).isRegularFile();
    assertThat(folder.resolve("rsa/public.pem")).isRegularFile();
    assertThat(Files.readString(folder.resolve("ec.jwt"))).startsWith("eyJhbGciOiJFUzUxMiIs").matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
    assertThat(Files.readString(folder.resolve("payload.jwt"))).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
  }

  @Test
  void aStepThatGoesWrongIsReported() throws Exception {
    Files.writeString(folder.resolve("rsa"), "a file where keygen wants its folder");
    assertThat(Training.run(folder)).isNotEmpty().anySatisfy(step -> assertThat(step).startsWith("keygen --platform apto --out rsa (exit "));
  }
}
