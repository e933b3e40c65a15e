package dev.jwtsigner.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Parameter;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ParameterResolutionException;

@ExtendWith(JwtSignerExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JwtSignerExtensionTest {

  private static final Map<TestClock, Boolean> SEEN = new IdentityHashMap<>();
  private final TestClock constructorClock;
  private TestClock beforeEachClock;

  JwtSignerExtensionTest(TestClock clock) {
    this.constructorClock = clock;
  }

  @BeforeEach
  void setUp(TestClock clock) {
    beforeEachClock = clock;
  }

  @Test
  @Order(1)
  void injectsOneFreshClockPerTestSharedWithBeforeEachAndTheConstructor(TestClock clock) {
    assertThat(clock).isSameAs(beforeEachClock).isSameAs(constructorClock);
    assertThat(clock.instant()).isEqualTo(TestClock.DEFAULT_START);
    assertThat(SEEN.put(clock, true)).as("a clock from an earlier test").isNull();
    clock.advance(Duration.ofDays(1));
  }

  @Test
  @Order(2)
  void theNextTestGetsAnotherClockAtTheStart(TestClock clock) {
    assertThat(clock.instant()).as("not moved by the previous test").isEqualTo(TestClock.DEFAULT_START);
    assertThat(SEEN.put(clock, true)).as("a clock from an earlier test").isNull();
  }

  @Test
  void injectsRsa2048WhenNotToldOtherwise(FakeKeyPair key) {
    assertThat(key).isSameAs(FakeKeys.rsa2048());
  }

  @Test
  void injectsTheFakeKeyTheAnnotationNames(@FakeKey(FakeKey.Type.P521) FakeKeyPair ec,
      @FakeKey(value = FakeKey.Type.RSA_4096, index = 2) FakeKeyPair rsa, @FakeKey(index = 2) FakeKeyPair rsa2048b) {
    assertThat(ec).isSameAs(FakeKeys.p521());
    assertThat(rsa).isSameAs(FakeKeys.rsa4096(2));
    assertThat(rsa2048b).isSameAs(FakeKeys.rsa2048(2));
  }

  @Test
  void explainsAKeyThatDoesNotExist() throws Exception {
    ParameterContext context = firstParameterOf("needsAThirdKey", FakeKeyPair.class);
    JwtSignerExtension extension = new JwtSignerExtension();
    assertThat(extension.supportsParameter(context, null)).isTrue();
    assertThatThrownBy(() -> extension.resolveParameter(context, null))
        .isInstanceOf(ParameterResolutionException.class)
        .hasMessage("cannot inject parameter 0 of needsAThirdKey: there is no fake P521 key number 3."
            + " Fix: ask for key 1 or 2 of RSA_2048, RSA_4096 or P521.");
  }

  /** Not a test: its parameter is what {@link #explainsAKeyThatDoesNotExist} resolves. */
  @SuppressWarnings("unused")
  private static void needsAThirdKey(@FakeKey(value = FakeKey.Type.P521, index = 3) FakeKeyPair key) {}

  @Test
  void leavesOtherParameterTypesToOtherResolvers(TestInfo info) throws Exception {
    ParameterContext context = firstParameterOf("leavesOtherParameterTypesToOtherResolvers", TestInfo.class);
    assertThat(new JwtSignerExtension().supportsParameter(context, null)).isFalse();
    assertThat(info).isNotNull();
  }

  @Nested
  class InNestedClasses {
    @Test
    void fixturesAreInjectedToo(TestClock clock, FakeKeyPair key) {
      assertThat(clock.instant()).isEqualTo(TestClock.DEFAULT_START);
      assertThat(key.keyId()).isEqualTo("fake-rsa2048-1");
    }
  }

  /** What JUnit hands a resolver for the first parameter of this class's method {@code name}. */
  private static ParameterContext firstParameterOf(String name, Class<?> type) throws NoSuchMethodException {
    Parameter parameter = JwtSignerExtensionTest.class.getDeclaredMethod(name, type).getParameters()[0];
    return new ParameterContext() {
      @Override
      public Parameter getParameter() {
        return parameter;
      }

      @Override
      public int getIndex() {
        return 0;
      }

      @Override
      public Optional<Object> getTarget() {
        return Optional.empty();
      }
    };
  }
}
