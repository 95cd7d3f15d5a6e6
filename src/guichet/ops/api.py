from ninja import Router

router = Router(tags=["system"])


@router.get("/ping", auth=None)
def ping(request):
    """The smallest JSON answer: the framework ceiling the benchmarks compare against."""
    return {"pong": True}
