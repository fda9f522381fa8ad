package org.timetracker.testing;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The WAR that Maven packaged, exactly as it ships. */
public final class Deployments {
  private Deployments() {}

  public static WebArchive war() {
    return ShrinkWrap.createFromZipFile(
        WebArchive.class, new File(System.getProperty("timetracker.war")));
  }
}
