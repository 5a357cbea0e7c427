using LatentWorkbench.Notebooks.Documents;

namespace LatentWorkbench.Notebooks.Tests;

public class ConsoleTextTests
{
    [Theory]
    [InlineData("plain\ntext\n", "plain\ntext\n")]
    [InlineData("10%\r50%\r100%\n", "100%\n")]
    [InlineData("epoch 1 [##..]\repoch 1 [####]\nnext\n", "epoch 1 [####]\nnext\n")]
    [InlineData("long line\rshort\n", "shortline\n")] // a terminal overwrites only what the redraw covers
    [InlineData("windows\r\nlines\r\n", "windows\nlines\n")]
    [InlineData("no newline\rend", "endnewline")]
    public void Carriage_returns_overwrite_the_line(string raw, string shown) => Assert.Equal(shown, ConsoleText.ApplyCarriageReturns(raw));
}
