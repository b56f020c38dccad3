package io.railside.testpage;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.util.FileSystemUtils;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Drives Debian's headless Chromium through Debian's chromedriver, so the page tests need
 * no driver download and no network.
 */
final class Browser implements AutoCloseable {

	private static final File CHROMIUM = new File("/usr/bin/chromium");

	private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

	private static final Duration TIMEOUT = Duration.ofSeconds(15);

	private final Path profile;

	private final ChromeDriver driver;

	private Browser(Path profile, ChromeDriver driver) {
		this.profile = profile;
		this.driver = driver;
	}

	static Browser start() throws IOException {
		assumeTrue(CHROMIUM.canExecute() && CHROMEDRIVER.canExecute(),
				"Chromium and chromedriver are needed in /usr/bin");
		Path profile = Files.createTempDirectory("railside-chromium");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM);
		options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--ignore-certificate-errors", "--user-data-dir=" + profile);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
			.usingAnyFreePort()
			.build();
		return new Browser(profile, new ChromeDriver(service, options));
	}

	void open(String url) {
		this.driver.get(url);
	}

	String value(String id) {
		return element(id).getDomProperty("value");
	}

	void select(String id, String value) {
		new Select(element(id)).selectByValue(value);
	}

	void type(String id, String text) {
		WebElement field = element(id);
		field.clear();
		field.sendKeys(text);
	}

	boolean checked(String id) {
		return element(id).isSelected();
	}

	void click(String id) {
		element(id).click();
	}

	/**
	 * Returns the lines an element shows, such as the entries of a pane.
	 */
	List<String> lines(String id) {
		return element(id).getText().lines().toList();
	}

	String text(String id) {
		return element(id).getText();
	}

	/**
	 * Runs a script in the page as the body of an async function, and waits for it to
	 * finish.
	 * @throws AssertionError if it threw
	 */
	void run(String script) {
		Object error = this.driver.executeAsyncScript("const done = arguments[arguments.length - 1]; (async () => { "
				+ script + " })().then(() => done(null), (error) => done(String(error)));");
		if (error != null) {
			throw new AssertionError("The script failed: " + error);
		}
	}

	void awaitText(String id, String text) {
		new WebDriverWait(this.driver, TIMEOUT)
			.withMessage(() -> "#%s to show '%s'; #debug shows:%n%s%n#msg shows:%n%s".formatted(id, text,
					element("debug").getText(), element("msg").getText()))
			.until(ExpectedConditions.textToBePresentInElementLocated(By.id(id), text));
	}

	/**
	 * Returns the console lines, since the last call, in which Chromium refused something
	 * under the page's Content Security Policy.
	 */
	List<String> contentSecurityPolicyViolations() {
		return this.driver.manage()
			.logs()
			.get(LogType.BROWSER)
			.getAll()
			.stream()
			.map(LogEntry::getMessage)
			.filter((message) -> message.contains("Content Security Policy"))
			.toList();
	}

	private WebElement element(String id) {
		return this.driver.findElement(By.id(id));
	}

	@Override
	public void close() {
		this.driver.quit();
		FileSystemUtils.deleteRecursively(this.profile.toFile());
	}

}
