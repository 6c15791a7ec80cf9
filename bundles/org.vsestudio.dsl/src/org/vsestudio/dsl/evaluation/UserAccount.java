package org.vsestudio.dsl.evaluation;

/**
 * {@code user NAME uid N}: an account for the application. A derived environment that
 * names the same user replaces the base's account.
 *
 * @param name the account name
 * @param uid the numeric user id
 * @param origin where it is written
 */
public record UserAccount(String name, int uid, Origin origin) {
}
