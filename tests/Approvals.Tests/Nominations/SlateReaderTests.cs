using System.Text;
using Approvals.Nominations;
using Microsoft.AspNetCore.Http;

namespace Approvals.Tests.Nominations;

public sealed class SlateReaderTests
{
    private static Task<SlateDraft> Read(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var http = new DefaultHttpContext();
        http.Request.ContentType = "application/json";
        http.Request.ContentLength = bytes.Length;
        http.Request.Body = new MemoryStream(bytes);
        return SlateReader.FromJsonAsync(http.Request);
    }

    [Fact]
    public async Task AJsonSlateIsTrimmedAndAnUnknownSexIsNamedByItsRow()
    {
        var draft = await Read("""{"nominees":[{"name":" Zhao Min ","nameZh":" ","position":"Director","sex":"undisclosed","email":"z@x.cn"},{"name":"X","sex":"other"}]}""");

        Assert.Null(draft.Problem);
        Assert.Equal(new Nominee("Zhao Min", null, "Director", Sex.Undisclosed, "z@x.cn"), draft.Nominees[0]);
        Assert.Equal(["nominees[1].sex"], draft.Errors.Keys);
    }

    [Fact]
    public async Task ADeclineNeedsNoNominees()
    {
        var draft = await Read("""{"decline":true}""");

        Assert.True(draft.Decline);
        Assert.Empty(draft.Nominees);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("""{"nominees":[{"name":5}]}""")]
    public async Task ABodyThatIsNotASlateIsAProblem(string json)
    {
        var draft = await Read(json);

        Assert.NotNull(draft.Problem);
    }
}
