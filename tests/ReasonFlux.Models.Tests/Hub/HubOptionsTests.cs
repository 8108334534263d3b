using ReasonFlux.Models.Hub;

namespace ReasonFlux.Models.Tests.Hub;

public sealed class HubOptionsTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] values) =>
        name => values.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void Command_line_values_win_over_the_environment()
    {
        var env = Env(("REASONFLUX_CACHE", "/env/cache"), ("REASONFLUX_HUB_URL", "http://env.example"));

        var options = HubOptions.Resolve("/cli/cache", "http://cli.example:8080/", env);

        Assert.Equal((Path.GetFullPath("/cli/cache"), "http://cli.example:8080/"), (options.CacheDir, options.HubUrl.AbsoluteUri));
    }

    [Fact]
    public void Environment_wins_over_the_defaults_and_supplies_the_token()
    {
        var env = Env(("REASONFLUX_CACHE", "/env/cache"), ("REASONFLUX_HUB_URL", "http://env.example"), ("HF_TOKEN", "hf_x"));

        var options = HubOptions.Resolve(environment: env);

        Assert.Equal((Path.GetFullPath("/env/cache"), "env.example", "hf_x"), (options.CacheDir, options.HubUrl.Host, options.Token));
    }

    [Fact]
    public void Defaults_are_huggingface_and_the_user_cache_folder()
    {
        var options = HubOptions.Resolve(environment: Env(("XDG_CACHE_HOME", "/xdg"), ("HOME", "/home/u")));

        var expected = OperatingSystem.IsLinux() ? Path.GetFullPath("/xdg/reasonflux") : CacheRoot.UserDefault();
        Assert.Equal((expected, "https://huggingface.co/", (string?)null), (options.CacheDir, options.HubUrl.AbsoluteUri, options.Token));
    }

    [Fact]
    public void Without_xdg_cache_home_linux_uses_dot_cache_in_home()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "XDG rules apply on Linux only");

        Assert.Equal("/home/u/.cache/reasonflux", CacheRoot.UserDefault(Env(("HOME", "/home/u"))));
    }

    [Fact]
    public void Hub_url_that_is_not_http_is_rejected_with_its_source()
    {
        var error = Assert.Throws<SettingException>(() => HubOptions.Resolve("/c", "ftp://x"));

        Assert.Equal("HubOptions.HubUrl", error.Setting.Key);
        Assert.Equal("hub URL (or $REASONFLUX_HUB_URL) must be an absolute http:// or https:// URL (got 'ftp://x')", error.Message);
    }
}
