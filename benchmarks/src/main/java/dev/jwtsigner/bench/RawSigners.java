package dev.jwtsigner.bench;

import java.security.GeneralSecurityException;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Each thread's raw JCA floor for the {@link SigningState}'s key and signing input. */
@State(Scope.Thread)
public class RawSigners extends JcaFloor {

  @Setup(Level.Trial)
  public void setUp(SigningState state) throws GeneralSecurityException {
    init(state.keys, state.signingInput);
  }
}
