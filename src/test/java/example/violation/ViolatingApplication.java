package example.violation;

import org.springframework.modulith.Modulithic;

/** A two-module application whose module b reaches into module a's internals: Modulith must refuse it. */
@Modulithic
public class ViolatingApplication {
}
