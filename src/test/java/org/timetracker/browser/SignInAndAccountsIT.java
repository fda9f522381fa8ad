package org.timetracker.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** Signing in and out, sessions that end, the admin's user management and personal tokens. */
class SignInAndAccountsIT extends BrowserTest {

  @Test
  void signingInOpensTrackWithTheUsersName() throws Exception {
    Person ada = newMember("Ada Lovelace");
    browser().open("track");
    browser().waitFor(By.cssSelector("form.signin-form"));
    browser().screenshot("sign-in");
    browser().phoneScreenshot("sign-in");

    signIn(ada);

    browser().waitFor(By.xpath("//h1[normalize-space()='Track']"));
    assertEquals("Ada Lovelace", browser().find(By.cssSelector(".account-name")).getText());
    assertEquals("track", browser().route());
  }

  @Test
  void wrongPasswordIsExplainedAndSignsNobodyIn() throws Exception {
    Person grace = newMember("Grace Hopper");

    signIn(grace.email(), "not the password");

    var error = browser().waitFor(By.cssSelector(".signin-form .error-message"));
    assertTrue(error.getText().contains("do not match an account"), error.getText());
    assertTrue(browser().route().startsWith("signin"));
    browser().screenshot("sign-in-wrong-password");
  }

  @Test
  void repeatedFailuresAreThrottledWithTheWaitInMinutes() {
    Person mallory = newMember("Mallory Guess");

    for (int attempt = 1; attempt <= 6; attempt++) {
      signIn(mallory.email(), "guess number " + attempt);
      browser().waitFor(By.cssSelector(".signin-form .error-message"));
    }

    var error = browser().waitFor(By.cssSelector(".signin-form .error-message"));
    assertTrue(
        error.getText().matches("Too many attempts, try again in \\d+ minutes?\\."),
        error.getText());
  }

  @Test
  void signingOutEndsTheSession() {
    Person alan = newMember("Alan Turing");
    signIn(alan);

    browser().click(browser().page(), "Sign out");

    var notice = browser().waitFor(By.cssSelector(".signin-card .notice"));
    assertEquals("You are signed out. See you next time.", notice.getText());
    browser().open("projects");
    browser().waitFor(By.cssSelector("form.signin-form"));
  }

  @Test
  void endedSessionSendsToSignInAndBackToWhereTheUserWas() {
    Person edsger = newMember("Edsger Dijkstra");
    signIn(edsger);
    browser().open("reports?range=last-week");
    browser().waitFor(By.cssSelector("button[data-range=last-week][aria-pressed=true]"));

    browser().dropSessionCookie();
    browser().click(browser().page(), "This month");

    browser().waitFor(By.cssSelector(".signin-card .notice"));
    assertTrue(browser().route().startsWith("signin?next="), browser().route());
    signIn(edsger);
    browser().waitFor(By.cssSelector("button[data-range=this-month][aria-pressed=true]"));
    assertEquals("reports?range=this-month", browser().route());
  }

  @Test
  void adminCreatesAUserWhoThenSignsIn() throws Exception {
    Person admin = newPerson("Barbara Liskov", "admin");
    signIn(admin);
    browser().click(browser().page(), "Admin");
    var form = browser().waitFor(By.cssSelector("form[aria-label='New user']"));
    String email = "katherine." + System.nanoTime() + "@example.test";

    browser().type(form, "Name", "Katherine Johnson");
    browser().type(form, "Email", email);
    browser().type(form, "First password", PASSWORD);
    browser().click(form, "Create user");

    browser()
        .waitFor(By.xpath("//table[contains(@class,'users')]//td[contains(., '" + email + "')]"));
    browser().screenshot("admin");
    browser().phoneScreenshot("admin");
    browser().click(browser().page(), "Sign out");
    signIn(email, PASSWORD);
    browser().waitFor(By.xpath("//h1[normalize-space()='Track']"));
    assertEquals("Katherine Johnson", browser().find(By.cssSelector(".account-name")).getText());
  }

  @Test
  void adminResetsAPasswordAndDeactivatesAUser() {
    Person admin = newPerson("Frances Allen", "admin");
    Person dana = newMember("Dana Reset");
    signIn(admin);
    browser().click(browser().page(), "Admin");
    var row = browser().waitFor(By.cssSelector("tr[data-user-id='" + dana.id() + "']"));

    browser().click(row, "Reset password of Dana Reset");
    browser().type(row, "New password for Dana Reset", "a brand new passphrase");
    browser().click(row, "Set password");
    browser().waitFor(row, By.xpath(".//*[starts-with(normalize-space(), 'Password set.')]"));
    Api.signIn(appOrigin(), dana.email(), "a brand new passphrase");

    browser().click(row, "Deactivate Dana Reset");
    browser().waitFor(By.xpath("//tr[@data-user-id='" + dana.id() + "']//*[.='deactivated']"));
    assertThrows(
        AssertionError.class,
        () -> Api.signIn(appOrigin(), dana.email(), "a brand new passphrase"));
  }

  @Test
  void memberCannotReachTheAdminScreen() throws Exception {
    Person member = newMember("Margaret Hamilton");
    signIn(member);

    assertTrue(browser().findAll(By.cssSelector("a.nav-link[href='#/admin']")).isEmpty());
    browser().open("admin");

    browser().waitFor(By.xpath("//*[normalize-space()='This page is for admins']"));
    assertTrue(browser().findAll(By.cssSelector("form[aria-label='New user']")).isEmpty());
    assertEquals(403, member.api().status("GET", "/api/users"));
    browser().screenshot("admin-for-members");
  }

  @Test
  void tokenIsShownOnceWorksAndStopsWorkingWhenRevoked() throws Exception {
    Person linus = newMember("Linus Script");
    signIn(linus);
    browser().click(browser().page(), "Settings");
    var form = browser().waitFor(By.cssSelector("form[aria-label='New token']"));

    browser().type(form, "Token name", "nightly export");
    browser().click(form, "Create token");

    String token = browser().waitFor(By.cssSelector(".token-secret input")).getDomProperty("value");
    assertTrue(token.startsWith("tt_"), token);
    browser()
        .waitFor(
            By.xpath("//table[contains(@class,'tokens')]//td[normalize-space()='nightly export']"));
    browser().screenshot("settings");
    browser().phoneScreenshot("settings");
    assertEquals(200, Api.withToken(appOrigin(), token).status("GET", "/api/me"));

    browser().click(browser().page(), "Revoke nightly export");
    browser().click(browser().page(), "Revoke");

    browser().waitFor(By.xpath("//*[normalize-space()='No tokens yet']"));
    assertEquals(401, Api.withToken(appOrigin(), token).status("GET", "/api/me"));
  }

  @Test
  void profileChangesShowAtOnce() {
    Person ada = newMember("Ada Byron");
    signIn(ada);
    browser().click(browser().page(), "Settings");
    var form = browser().waitFor(By.cssSelector("form[aria-label='Profile']"));

    browser().type(form, "Name", "Ada King");
    browser().click(form, "Save profile");

    browser()
        .until(d -> "Ada King".equals(browser().find(By.cssSelector(".account-name")).getText()));
    assertEquals("Ada King", ada.api().get("/api/me").asJsonObject().getString("name"));
  }
}
