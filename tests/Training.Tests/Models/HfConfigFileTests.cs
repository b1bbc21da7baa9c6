using Sweep.Training.Models;

namespace Sweep.Training.Tests.Models;

/// <summary>A model directory's config.json: bad JSON, a wrong shape or a field of the wrong type is bad input naming the file and where.</summary>
[Category(Category.Unit)]
public sealed class HfConfigFileTests
{
    [Theory]
    [InlineData("{\"model_type\": \"bert\",\n  \"hidden_size\": 64,,\n}", "not valid JSON at line 2, byte 21")] // the second comma
    [InlineData("{\"model_type\": \"gpt2\"", "not valid JSON at line 1")]
    [InlineData("", "not valid JSON at line 1, byte 1")]
    [InlineData("[1, 2]", "expected a JSON object, found an array")]
    [InlineData("\"bert\"", "expected a JSON object, found a string")]
    [InlineData("{\"model_type\": [\"bert\"]}", "model_type: expected a string, found an array")]
    public void A_config_that_cannot_be_read_names_the_file_and_the_position(string json, string expected)
    {
        using var dir = new TempDirectory("config");
        var path = dir.Write("config.json", json);

        var e = Assert.Throws<InvalidInputException>(() => HfConfigFile.Read(path));

        Assert.StartsWith($"{path}: ", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void The_model_type_is_read_and_may_be_absent()
    {
        using var dir = new TempDirectory("config");
        Assert.Equal("gpt2", HfConfigFile.Read(dir.Write("a.json", "{\"model_type\": \"gpt2\", \"n_layer\": 2}")).ModelType);
        Assert.Null(HfConfigFile.Read(dir.Write("b.json", "{\"n_layer\": 2}")).ModelType);
    }

    [Theory]
    [InlineData("{\"model_type\": \"bert\",\n \"hidden_size\": \"64\"}", "hidden_size: expected an integer at line 2")]
    [InlineData("{\"num_attention_heads\": 2.5}", "num_attention_heads: expected an integer at line 1")]
    [InlineData("{\"hidden_dropout_prob\": \"high\"}", "hidden_dropout_prob: expected a number")]
    [InlineData("{\"hidden_act\": 3}", "hidden_act: expected a string")]
    [InlineData("{\"vocab_size\": 1e12}", "vocab_size: expected an integer")]
    public void A_field_of_the_wrong_type_is_named_with_its_position(string json, string expected)
    {
        var e = Assert.Throws<InvalidInputException>(() => BertConfig.FromJson(json, "m/config.json"));

        Assert.Equal($"m/config.json: {expected}", e.Message[..Math.Min(e.Message.Length, $"m/config.json: {expected}".Length)]);
    }

    [Fact]
    public void Fields_the_config_does_not_give_keep_their_defaults()
    {
        var c = Gpt2Config.FromJson("{\"model_type\": \"gpt2\", \"n_layer\": 3}", "config.json");

        Assert.Equal(3, c.NLayer);
        Assert.Equal(Gpt2Config.Gpt2Small.NEmbd, c.NEmbd);
    }

    [Fact]
    public void A_shape_too_large_for_memory_is_refused_before_anything_is_allocated()
    {
        var e = Assert.Throws<InvalidInputException>(() => BertConfig.FromJson("{\"hidden_size\": 1000000, \"num_attention_heads\": 1}", "m/config.json"));

        Assert.StartsWith("m/config.json: the model would have about 4", e.Message); // 12 layers x 4 x (1e6)^2 ~ 4.8e13
        Assert.Contains("more than this machine's memory", e.Message);
        BertConfig.Tiny.Validate("tiny"); // the shapes tests use still fit
        Gpt2Config.Gpt2Small.Validate("gpt2");
    }
}
